package org.apache.hadoop.io;

import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * The secure test cluster's stand-in for Hadoop's SecureIOUtils, loaded ahead of Hadoop's own in that cluster's JVM only
 * (SecureMiniYarnLauncher compiles it there; it is on no other classpath). Hadoop's checks, with native code, that a
 * container's log file belongs to the application's user: on a real cluster the NodeManager runs containers as that
 * user (LinuxContainerExecutor). The test cluster runs them as its own OS user and has no native code, so the checks
 * would refuse every container log, and neither log aggregation nor the NodeManager's log web service would show one.
 * Same methods, no owner check.
 */
public class SecureIOUtils {

    private static FileSystem rawFilesystem;

    public static RandomAccessFile openForRandomRead(File f, String mode, String expectedOwner, String expectedGroup)
            throws IOException {
        return new RandomAccessFile(f, mode);
    }

    public static FSDataInputStream openFSDataInputStream(File file, String expectedOwner, String expectedGroup)
            throws IOException {
        return raw().open(new Path(file.getAbsolutePath()));
    }

    public static FileInputStream openForRead(File f, String expectedOwner, String expectedGroup) throws IOException {
        return new FileInputStream(f);
    }

    public static FileOutputStream createForWrite(File f, int permissions) throws IOException {
        if (f.exists()) {
            throw new AlreadyExistsException("File " + f + " already exists");
        }
        FileOutputStream out = new FileOutputStream(f);
        Set<PosixFilePermission> modes = EnumSet.noneOf(PosixFilePermission.class);
        PosixFilePermission[] bits = PosixFilePermission.values(); // OWNER_READ … OTHERS_EXECUTE, high bit first
        for (int i = 0; i < 9; i++) {
            if ((permissions & (1 << (8 - i))) != 0) {
                modes.add(bits[i]);
            }
        }
        Files.setPosixFilePermissions(f.toPath(), modes);
        return out;
    }

    private static synchronized FileSystem raw() throws IOException {
        if (rawFilesystem == null) {
            rawFilesystem = FileSystem.getLocal(new Configuration()).getRaw();
        }
        return rawFilesystem;
    }

    public static class AlreadyExistsException extends IOException {
        private static final long serialVersionUID = 1L;

        public AlreadyExistsException(String msg) {
            super(msg);
        }

        public AlreadyExistsException(Throwable cause) {
            super(cause);
        }
    }
}
