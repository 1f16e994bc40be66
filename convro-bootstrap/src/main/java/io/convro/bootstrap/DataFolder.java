package io.convro.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mode's data folder, which holds password hashes, ciphertext and the JWT secret: readable by the
 * server's own user only, from the moment each file exists. The folder is made (or tightened to) {@code rwx------}
 * before anything is written into it, and files are created {@code rw-------} rather than narrowed afterwards.
 * On a file system without POSIX permissions the folder's own access rules apply.
 */
final class DataFolder {
    private static final Logger LOG = LoggerFactory.getLogger(DataFolder.class);
    static final Set<PosixFilePermission> OWNER_ONLY_FOLDER = PosixFilePermissions.fromString("rwx------");
    static final Set<PosixFilePermission> OWNER_ONLY_FILE = PosixFilePermissions.fromString("rw-------");

    private DataFolder() {
    }

    /** Make {@code dir} (and its parents) if missing, owner-only; tighten it if it exists with more. */
    static Path prepare(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Path parent = dir.toAbsolutePath().getParent();
                if (parent != null) {
                    Files.createDirectories(parent);
                }
                try {
                    Files.createDirectory(dir, posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FOLDER)}
                            : new FileAttribute<?>[0]);
                } catch (FileAlreadyExistsException raced) {
                    // another process made it first: tightened below
                }
            }
            if (posix() && !Files.getPosixFilePermissions(dir).equals(OWNER_ONLY_FOLDER)) {
                Files.setPosixFilePermissions(dir, OWNER_ONLY_FOLDER);
                LOG.info("data folder {} made readable by its owner only", dir);
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + dir, e);
        }
    }

    /** Create {@code file} empty and owner-only unless it exists; an existing one is narrowed to owner-only. */
    static void ownerOnlyFile(Path file) {
        try {
            try {
                Files.createFile(file, posix() ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY_FILE)}
                        : new FileAttribute<?>[0]);
            } catch (FileAlreadyExistsException exists) {
                if (posix() && !Files.getPosixFilePermissions(file).equals(OWNER_ONLY_FILE)) {
                    Files.setPosixFilePermissions(file, OWNER_ONLY_FILE);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + file, e);
        }
    }

    private static boolean posix() {
        return java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }
}
