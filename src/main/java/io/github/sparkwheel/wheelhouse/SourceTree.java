package io.github.sparkwheel.wheelhouse;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/**
 * The files of a Python source directory that a build reads: everything but what builds leave
 * behind ({@code build/}, {@code dist/}, {@code *.egg-info}, {@code __pycache__}, virtualenvs, VCS
 * folders). pip builds in the tree it is given and reuses a stale {@code build/}; building from a
 * copy of these files keeps stale output out of the wheelhouse and the user's tree clean.
 */
public final class SourceTree {

    private static final Set<String> SKIPPED_DIRECTORIES =
            Set.of("build", "dist", "__pycache__", ".git", ".hg", ".svn", ".venv", "venv", ".tox", ".nox",
                    ".mypy_cache", ".pytest_cache", ".eggs", "target");

    private final Path root;

    public SourceTree(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Relative paths of every file, sorted, so that listings are stable. */
    public List<Path> files() throws IOException {
        List<Path> files = new ArrayList<>();
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                return !dir.equals(root) && skipped(dir) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
                String name = file.getFileName().toString();
                if (!name.endsWith(".pyc") && !name.endsWith(".pyo") && (attrs.isRegularFile() || attrs.isSymbolicLink())) {
                    files.add(root.relativize(file));
                }
                return FileVisitResult.CONTINUE;
            }
        });
        Collections.sort(files);
        return files;
    }

    static boolean skipped(Path dir) {
        String name = dir.getFileName().toString();
        return SKIPPED_DIRECTORIES.contains(name) || name.endsWith(".egg-info");
    }

    /** Replaces {@code target} with a fresh copy of the tree's files. */
    public void copyTo(Path target) throws IOException {
        deleteRecursively(target);
        Files.createDirectories(target);
        for (Path relative : files()) {
            Path to = target.resolve(relative.toString());
            Files.createDirectories(to.getParent());
            Files.copy(root.resolve(relative), to, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
