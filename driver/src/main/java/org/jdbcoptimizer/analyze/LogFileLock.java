package org.jdbcoptimizer.analyze;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Mutual exclusion between every writer of one log file, in this process and in others, for the
 * rare operations that must not overlap: opening the file and rotating it.
 *
 * <p>Design: two layers. An OS file lock on a sibling file ({@code slow.jsonl.lock}) excludes
 * other processes; it is held by the process, not the thread, and a second lock on the same file
 * from this JVM would throw {@link java.nio.channels.OverlappingFileLockException}, so an
 * in-process {@link ReentrantLock} per log path (shared by every instance in this JVM) is taken
 * first. The lock file is opened and closed inside the in-process lock, because closing any
 * descriptor of a file drops this process's POSIX locks on it. The lock file is never deleted:
 * deleting it could let two processes lock two different files of the same name.
 */
final class LogFileLock {

    private static final ConcurrentHashMap<Path, ReentrantLock> IN_PROCESS = new ConcurrentHashMap<>();

    /** Work done while holding the lock. */
    @FunctionalInterface
    interface Action {
        void run() throws IOException;
    }

    private final Path lockFile;
    private final ReentrantLock inProcess;

    LogFileLock(Path logFile) {
        Path absolute = logFile.toAbsolutePath().normalize();
        this.lockFile = absolute.resolveSibling(absolute.getFileName() + ".lock");
        this.inProcess = IN_PROCESS.computeIfAbsent(absolute, key -> new ReentrantLock());
    }

    /** Runs the action holding both locks; blocks while another writer holds them. */
    void run(Action action) throws IOException {
        inProcess.lock();
        try (FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
            FileLock lock = channel.lock();
            try {
                action.run();
            } finally {
                lock.release();
            }
        } finally {
            inProcess.unlock();
        }
    }
}
