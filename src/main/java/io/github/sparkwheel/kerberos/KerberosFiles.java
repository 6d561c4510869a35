package io.github.sparkwheel.kerberos;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads what the plugin needs to know of MIT Kerberos's two file formats before any JVM starts, so that a login
 * that cannot work is named at once: the principals a keytab holds, and a ticket cache's principal and when its
 * ticket-granting ticket ends. The formats are MIT's {@code keytab.txt} and {@code ccache.txt} (as MIT's kinit, ktutil
 * and Java's own Kerberos write them); only FILE caches, the one kind Java reads.
 */
public final class KerberosFiles {

    private KerberosFiles() {}

    /** The principals of a keytab ({@code name/instance@REALM}), in file order, each once. */
    public static List<String> keytabPrincipals(Path keytab) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(keytab)));
        int version = in.readUnsignedShort();
        if (version != 0x0502 && version != 0x0501) {
            throw new IOException(keytab + " is not a keytab (it starts with 0x" + Integer.toHexString(version)
                    + ", not 0x0502)");
        }
        List<String> principals = new ArrayList<>();
        while (in.available() >= 4) {
            int size = in.readInt();
            if (size < 0) { // a hole left by a removed entry
                in.skipBytes(-size);
                continue;
            }
            byte[] entry = new byte[size];
            in.readFully(entry);
            DataInputStream e = new DataInputStream(new ByteArrayInputStream(entry));
            int components = e.readUnsignedShort();
            if (version == 0x0501) {
                components--; // version 1 counted the realm among the components
            }
            String realm = shortString(e);
            List<String> names = new ArrayList<>();
            for (int i = 0; i < components; i++) {
                names.add(shortString(e));
            }
            String principal = String.join("/", names) + "@" + realm;
            if (!principals.contains(principal)) {
                principals.add(principal);
            }
        }
        return principals;
    }

    /** A ticket cache as {@link #readCache} finds it. */
    public static final class Cache {
        /** The cache's principal, as kinit wrote it ({@code ana@EXAMPLE.COM}). */
        public final String principal;
        /** When its ticket-granting ticket ends, or {@code null} when it holds none. */
        public final Instant tgtEnd;

        Cache(String principal, Instant tgtEnd) {
            this.principal = principal;
            this.tgtEnd = tgtEnd;
        }
    }

    /** The principal of a FILE ticket cache and the end of its ticket-granting ticket for the principal's realm. */
    public static Cache readCache(Path cache) throws IOException {
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(Files.readAllBytes(cache)));
        int version = in.readUnsignedShort();
        if (version != 0x0504 && version != 0x0503) {
            throw new IOException(cache + " is not a Kerberos ticket cache of a version Java reads (0x"
                    + Integer.toHexString(version) + ")");
        }
        if (version == 0x0504) {
            in.skipBytes(in.readUnsignedShort()); // header tags (the KDC time offset)
        }
        String principal = principal(in);
        String realm = principal.substring(principal.lastIndexOf('@') + 1);
        Instant tgtEnd = null;
        try {
            while (in.available() > 0) {
                principal(in); // the client
                String server = principal(in);
                in.readUnsignedShort(); // key type
                if (version == 0x0503) {
                    in.readUnsignedShort();
                }
                skipData(in); // the key
                in.readInt(); // auth time
                in.readInt(); // start time
                long end = in.readInt() & 0xffffffffL;
                in.readInt(); // renew till
                in.readUnsignedByte(); // is_skey
                in.readInt(); // flags
                int addresses = in.readInt();
                for (int i = 0; i < addresses; i++) {
                    in.readUnsignedShort();
                    skipData(in);
                }
                int authData = in.readInt();
                for (int i = 0; i < authData; i++) {
                    in.readUnsignedShort();
                    skipData(in);
                }
                skipData(in); // the ticket
                skipData(in); // the second ticket
                if (server.equals("krbtgt/" + realm + "@" + realm)) {
                    Instant ends = Instant.ofEpochSecond(end);
                    tgtEnd = tgtEnd == null || ends.isAfter(tgtEnd) ? ends : tgtEnd;
                }
            }
        } catch (EOFException truncated) {
            // what was read stands: a cache another kinit is writing right now
        }
        return new Cache(principal, tgtEnd);
    }

    private static String principal(DataInputStream in) throws IOException {
        in.readInt(); // name type
        int components = in.readInt();
        String realm = intString(in);
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components; i++) {
            names.add(intString(in));
        }
        return String.join("/", names) + "@" + realm;
    }

    private static String shortString(DataInputStream in) throws IOException {
        byte[] bytes = new byte[in.readUnsignedShort()];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String intString(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0 || length > 65536) {
            throw new IOException("not a ticket cache: a name of " + length + " bytes");
        }
        byte[] bytes = new byte[length];
        in.readFully(bytes);
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static void skipData(DataInputStream in) throws IOException {
        int length = in.readInt();
        if (length < 0) {
            throw new IOException("not a ticket cache: a field of " + length + " bytes");
        }
        if (in.skipBytes(length) < length) {
            throw new EOFException();
        }
    }
}
