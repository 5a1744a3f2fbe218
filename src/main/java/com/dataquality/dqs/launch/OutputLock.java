package com.dataquality.dqs.launch;

import com.dataquality.dqs.InputException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * One writer per output directory: two runs appending to the same files would duplicate lines, and
 * a fresh run's clean-up would delete the other's files. The lock is the operating system's
 * (released when the process dies, also by {@code kill -9}, so a crashed run never leaves the
 * directory locked); the file holds the owner's pid for the message the second run prints.
 */
public final class OutputLock implements AutoCloseable {
    static final String NAME = ".dqs.lock";

    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(FileChannel channel, FileLock lock) {
        this.channel = channel;
        this.lock = lock;
    }

    /** Takes the directory's lock or says, in one line, which process holds it. */
    public static OutputLock acquire(Path dir) {
        Path file = dir.resolve(NAME);
        try {
            FileChannel ch =
                    FileChannel.open(
                            file,
                            StandardOpenOption.CREATE,
                            StandardOpenOption.READ,
                            StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = ch.tryLock();
            } catch (java.nio.channels.OverlappingFileLockException sameProcess) {
                lock = null; // held by another run inside this very process
            }
            if (lock == null) {
                String owner = Files.readString(file, StandardCharsets.UTF_8).trim();
                ch.close();
                throw new InputException(
                        "output directory "
                                + dir
                                + " is in use by another dqs run"
                                + (owner.isEmpty() ? "" : " (pid " + owner + ")")
                                + "; stop it first or choose another --output-dir");
            }
            ch.truncate(0);
            ch.write(
                    ByteBuffer.wrap(
                            Long.toString(ProcessHandle.current().pid())
                                    .getBytes(StandardCharsets.UTF_8)));
            ch.force(false);
            return new OutputLock(ch, lock);
        } catch (IOException e) {
            throw new InputException("cannot lock output directory " + dir + ": " + e.getMessage());
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            // The lock goes with the process anyway.
        }
    }
}
