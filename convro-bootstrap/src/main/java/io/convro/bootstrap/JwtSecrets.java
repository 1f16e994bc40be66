package io.convro.bootstrap;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/** The embedded mode's JWT secret: generated once, kept in the data folder, readable by its owner only. */
final class JwtSecrets {
    static final String FILE_NAME = "jwt-secret";

    private JwtSecrets() {
    }

    static byte[] loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            DataFolder.prepare(dataDir);
            if (!Files.exists(file)) {
                byte[] secret = new byte[48];
                new SecureRandom().nextBytes(secret);
                Path written = dataDir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".new");
                Files.deleteIfExists(written);
                DataFolder.ownerOnlyFile(written);
                try {
                    Files.writeString(written, Base64.getEncoder().encodeToString(secret), StandardCharsets.US_ASCII);
                    // owner-only from its first byte, and whole or absent; a link fails if another process was first
                    Files.createLink(file, written);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: use theirs
                } finally {
                    Files.deleteIfExists(written);
                }
            } else {
                DataFolder.ownerOnlyFile(file);
            }
            byte[] secret = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
            if (secret.length < ConvroConfig.MIN_JWT_SECRET_BYTES) {
                throw new ConfigException(file + " holds a JWT secret shorter than 32 bytes; delete it to generate a new one");
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(file + " does not hold a base64 JWT secret; delete it to generate a new one");
        }
    }
}
