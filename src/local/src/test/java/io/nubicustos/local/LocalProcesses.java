package io.nubicustos.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * What other users of this machine see of a run, read from /proc as they would: the listening TCP
 * sockets of this JVM and its descendants, and their command lines.
 */
final class LocalProcesses {

    private LocalProcesses() {
    }

    /** This JVM and every process it started, and their children (the API, the operator, PostgreSQL...). */
    static List<ProcessHandle> ours() {
        List<ProcessHandle> all = new ArrayList<>();
        all.add(ProcessHandle.current());
        ProcessHandle.current().descendants().forEach(all::add);
        return all;
    }

    /** {@code /proc/<pid>/cmdline} with its NULs as spaces; empty when the process is gone. */
    static String commandLine(ProcessHandle process) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc", Long.toString(process.pid()), "cmdline")), StandardCharsets.UTF_8)
                    .replace('\0', ' ');
        } catch (IOException gone) {
            return "";
        }
    }

    /** The processes of the PostgreSQL whose data directory is {@code dir}: pg_ctl starts it outside this JVM's descendants. */
    static List<ProcessHandle> postgres(Path dir) throws IOException {
        long pid = Long.parseLong(Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim());
        List<ProcessHandle> all = new ArrayList<>();
        ProcessHandle.of(pid).ifPresent(p -> {
            all.add(p);
            p.descendants().forEach(all::add);
        });
        return all;
    }

    /** Every local address on which some process of this machine listens on TCP {@code port}. */
    static List<String> listeningOn(int port) throws IOException {
        return listeningSockets().values().stream().filter(a -> a.endsWith(":" + port)).toList();
    }

    /** Listening TCP sockets, IPv4 and IPv6: inode to local address. */
    private static Map<String, String> listeningSockets() throws IOException {
        Map<String, String> byInode = new LinkedHashMap<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            List<String> lines = Files.readAllLines(Path.of(table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A")) { // TCP_LISTEN
                    byInode.put(f[9], address(f[1]));
                }
            }
        }
        return byInode;
    }

    /** The local address ("127.0.0.1:8080", "[::]:8080") of every listening TCP socket of {@code processes}, by pid. */
    static Map<Long, List<String>> listening(List<ProcessHandle> processes) throws IOException {
        Map<String, String> byInode = listeningSockets();
        Map<Long, List<String>> result = new LinkedHashMap<>();
        for (ProcessHandle p : processes) {
            for (String inode : socketInodes(p.pid())) {
                if (byInode.containsKey(inode)) {
                    result.computeIfAbsent(p.pid(), k -> new ArrayList<>()).add(byInode.get(inode));
                }
            }
        }
        return result;
    }

    /** Unix-domain sockets bound to a path containing {@code part} (PostgreSQL's would be .s.PGSQL.<port>). */
    static List<String> unixSockets(String part) throws IOException {
        return Files.readAllLines(Path.of("/proc/net/unix")).stream().filter(l -> l.contains(part)).toList();
    }

    private static Set<String> socketInodes(long pid) {
        Set<String> inodes = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            fds.forEach(fd -> {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring("socket:[".length(), target.length() - 1));
                    }
                } catch (IOException closed) {
                    // Closed meanwhile.
                }
            });
        } catch (IOException gone) {
            // Exited meanwhile.
        }
        return inodes;
    }

    /** "0100007F:1F90" (IPv4, little-endian) or the 32 hex digits of IPv6 → "127.0.0.1:8080", "[::1]:8080". */
    static String address(String hex) {
        String[] parts = hex.split(":");
        int port = Integer.parseInt(parts[1], 16);
        String ip = parts[0];
        if (ip.length() == 8) {
            StringBuilder s = new StringBuilder();
            for (int i = 3; i >= 0; i--) {
                s.append(Integer.parseInt(ip.substring(i * 2, i * 2 + 2), 16)).append(i > 0 ? "." : "");
            }
            return s + ":" + port;
        }
        byte[] bytes = new byte[16];
        for (int word = 0; word < 4; word++) {
            for (int b = 0; b < 4; b++) {
                // Each 32-bit word is in host (little-endian) order.
                bytes[word * 4 + b] = (byte) Integer.parseInt(ip.substring(word * 8 + (3 - b) * 2, word * 8 + (3 - b) * 2 + 2), 16);
            }
        }
        try {
            // An IPv4-mapped address (::ffff:127.0.0.1, how Java binds 127.0.0.1 on a dual-stack socket) is that IPv4 address.
            java.net.InetAddress address = java.net.InetAddress.getByAddress(bytes);
            return (address instanceof java.net.Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]") + ":" + port;
        } catch (java.net.UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
