package io.nubicustos.findings.config;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The findings API's own settings; Quarkus' settings (HTTP, datasource, CORS) keep their names. */
@ConfigMapping(prefix = "nubicustos.api")
public interface ApiConfig {

    /**
     * Secret of the keyed hash that API keys are stored under (at least 32 bytes). Without it the
     * database holds nothing that verifies a key, so a stolen dump cannot be brute-forced offline.
     */
    String keyHashSecret();

    /** Keys from configuration (a mounted Kubernetes Secret), by name: for bootstrapping and automation. */
    Map<String, StaticKey> keys();

    RateLimit rateLimit();

    Ingest ingest();

    Pages pages();

    Retention retention();

    interface StaticKey {
        /** The key itself; compared by its keyed hash in constant time. */
        String value();

        @WithDefault("viewer")
        String role();

        /** Namespace the key is limited to; absent: all namespaces. */
        Optional<String> namespace();
    }

    interface RateLimit {
        @WithDefault("true")
        boolean enabled();

        /** Sustained requests per minute per client (API key, or address without one). */
        @WithDefault("100")
        int requestsPerMinute();

        /** Requests per second a client may burst to. */
        @WithDefault("20")
        int burst();

        /** Failed authentications per minute per address before it is refused outright. */
        @WithDefault("10")
        int authFailuresPerMinute();

        /** Addresses or CIDRs of reverse proxies whose X-Forwarded-For is believed; none by default. */
        Optional<List<String>> trustedProxies();

        /** Clients tracked at once; the least recently seen are forgotten first. */
        @WithDefault("100000")
        int maxClients();
    }

    interface Ingest {
        /**
         * The key upload tokens are signed with, base64: the operator's Secret
         * (nubicustos-upload-key, entry "key"), given to the API as an environment variable.
         */
        Optional<String> uploadKey();

        /** Or the same key as a file of raw bytes (the Secret mounted as a volume). */
        Optional<String> uploadKeyFile();

        /** Findings per chunk the API accepts. */
        @WithDefault("5000")
        int maxChunkFindings();
    }

    interface Pages {
        @WithDefault("50")
        int defaultSize();

        @WithDefault("500")
        int maxSize();
    }

    interface Retention {
        /** Off by default: findings are kept until someone decides otherwise. */
        @WithDefault("false")
        boolean enabled();

        /** Findings not seen for this long are deleted, with their occurrences; runs older than this too. */
        @WithDefault("365d")
        String maxAge();

        @WithDefault("0 17 3 * * ?")
        String cron();
    }
}
