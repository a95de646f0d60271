package org.jdbcoptimizer.analyze;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The naming of a log and its rotated siblings: {@code slow.jsonl} is the current file,
 * {@code slow.jsonl.1} the most recently rotated one, {@code slow.jsonl.N} the oldest. Stateless;
 * {@link #rotate} must run under the {@link LogFileLock}.
 */
final class RotatedFiles {

    private RotatedFiles() {
    }

    static Path rotated(Path log, int index) {
        return log.resolveSibling(log.getFileName() + "." + index);
    }

    /** The indexes of the rotated siblings that exist, in ascending order (newest first). */
    static List<Integer> indexes(Path log) throws IOException {
        Path directory = log.toAbsolutePath().getParent();
        String prefix = log.getFileName() + ".";
        List<Integer> found = new ArrayList<>();
        try (DirectoryStream<Path> siblings = Files.newDirectoryStream(directory)) {
            for (Path sibling : siblings) {
                String name = sibling.getFileName().toString();
                if (name.startsWith(prefix)) {
                    int index = parseIndex(name.substring(prefix.length()));
                    if (index > 0) {
                        found.add(index);
                    }
                }
            }
        } catch (NoSuchFileException noDirectory) {
            return List.of();
        }
        Collections.sort(found);
        return found;
    }

    /** The existing files of a log, oldest first: {@code log.N, ..., log.1, log}. */
    static List<Path> oldestFirst(Path log) throws IOException {
        List<Integer> indexes = indexes(log);
        List<Path> files = new ArrayList<>(indexes.size() + 1);
        for (int i = indexes.size() - 1; i >= 0; i--) {
            files.add(rotated(log, indexes.get(i)));
        }
        if (Files.exists(log)) {
            files.add(log);
        }
        return files;
    }

    /**
     * Shifts every rotated sibling up by one (deleting those that would pass {@code maxFiles}),
     * then renames the log to {@code log.1}; with {@code maxFiles} 0 the log is deleted. Renames
     * are atomic, so a reader or writer in another process sees either name, never a half-file.
     */
    static void rotate(Path log, int maxFiles) throws IOException {
        List<Integer> indexes = indexes(log);
        for (int i = indexes.size() - 1; i >= 0; i--) {
            int index = indexes.get(i);
            if (index >= maxFiles) {
                Files.deleteIfExists(rotated(log, index));
            } else {
                Files.move(rotated(log, index), rotated(log, index + 1), StandardCopyOption.ATOMIC_MOVE);
            }
        }
        if (maxFiles == 0) {
            Files.deleteIfExists(log);
        } else if (Files.exists(log)) {
            Files.move(log, rotated(log, 1), StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** A positive decimal index without sign or leading zero, else -1. */
    private static int parseIndex(String suffix) {
        if (suffix.isEmpty() || suffix.length() > 9 || suffix.charAt(0) == '0') {
            return -1;
        }
        for (int i = 0; i < suffix.length(); i++) {
            if (suffix.charAt(i) < '0' || suffix.charAt(i) > '9') {
                return -1;
            }
        }
        return Integer.parseInt(suffix);
    }
}
