package io.nubicustos.findings.attackpath;

/** A MITRE ATT&CK technique (Enterprise matrix). */
public record Technique(String id, String name, String tactic) {

    static final Technique EXPLOIT_PUBLIC_FACING = new Technique("T1190", "Exploit Public-Facing Application", "initial-access");
    static final Technique REMOTE_SERVICES = new Technique("T1210", "Exploitation of Remote Services", "lateral-movement");
    static final Technique STEAL_ACCESS_TOKEN = new Technique("T1528", "Steal Application Access Token", "credential-access");
    static final Technique VALID_ACCOUNTS = new Technique("T1078", "Valid Accounts", "privilege-escalation");
    static final Technique CLOUD_ACCOUNTS = new Technique("T1078.004", "Valid Accounts: Cloud Accounts", "privilege-escalation");
    static final Technique PERMISSION_GROUPS = new Technique("T1069", "Permission Groups Discovery", "discovery");
    static final Technique ESCAPE_TO_HOST = new Technique("T1611", "Escape to Host", "privilege-escalation");
    static final Technique CREDENTIALS_IN_FILES = new Technique("T1552.001", "Unsecured Credentials: Credentials In Files",
            "credential-access");
    static final Technique CONTAINER_API = new Technique("T1552.007", "Unsecured Credentials: Container API", "credential-access");
    static final Technique CLOUD_STORAGE = new Technique("T1530", "Data from Cloud Storage", "collection");
    static final Technique ACCOUNT_MANIPULATION = new Technique("T1098", "Account Manipulation", "persistence");
}
