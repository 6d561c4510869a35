package io.github.sparkwheel;

import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/**
 * A file that could not be read or written, said as the user can fix it: which file, what is in the way (a
 * file where a directory must be, a directory nobody may write, a full disk), and what to do.
 */
public final class FileErrors {

    private FileErrors() {}

    /**
     * @param buildDirectory the module's {@code target/}, named in the fix
     */
    public static UserError explain(FileSystemException e, Path buildDirectory) {
        String file = e.getFile();
        Path path = file == null ? null : Paths.get(file);
        String why = reason(e, path);
        return new UserError("Cannot write " + (file == null ? "a file" : file) + ": " + why + ". Check that "
                + buildDirectory + " is a directory you may write (ls -ld " + buildDirectory + "), or remove it "
                + "(mvn clean) and build again", e);
    }

    private static String reason(FileSystemException e, Path path) {
        String message = String.valueOf(e.getReason());
        if (message.contains("No space left")) {
            return "the disk is full";
        }
        for (Path p = path; p != null; p = p.getParent()) {
            if (Files.exists(p)) {
                if (!Files.isDirectory(p) && !p.equals(path)) {
                    return p + " is a file, not a directory";
                }
                if (Files.isDirectory(p) && !p.equals(path) && !Files.isWritable(p)) {
                    return p + " is not writable by " + System.getProperty("user.name");
                }
                if (!p.equals(path)) {
                    break;
                }
            }
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (path != null && Files.exists(path) && !Files.isDirectory(path) && e.getClass().getSimpleName()
                .equals("FileAlreadyExistsException")) {
            return path + " is a file where a directory must be";
        }
        return e.getClass().getSimpleName() + (e.getReason() == null ? "" : ": " + e.getReason());
    }
}
