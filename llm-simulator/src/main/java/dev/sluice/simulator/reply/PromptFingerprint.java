package dev.sluice.simulator.reply;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/** SHA-256 over a prompt's roles and contents: the seed of everything the simulator derives from a prompt. */
public final class PromptFingerprint {

    private final byte[] digest;

    private PromptFingerprint(byte[] digest) {
        this.digest = digest;
    }

    /** Digests each message as role, NUL, content, NUL, so that no two different prompts share an encoding. */
    public static PromptFingerprint of(List<PromptMessage> messages) {
        MessageDigest sha256 = sha256();
        for (PromptMessage message : messages) {
            sha256.update(message.role().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
            sha256.update(message.content().getBytes(StandardCharsets.UTF_8));
            sha256.update((byte) 0);
        }
        return new PromptFingerprint(sha256.digest());
    }

    /** The digest byte at {@code index} (0..31), as an unsigned value 0..255. */
    public int unsignedByte(int index) {
        return digest[index] & 0xff;
    }

    /** The first {@code bytes} bytes of the digest in lower-case hex. */
    public String hexPrefix(int bytes) {
        return HexFormat.of().formatHex(digest, 0, bytes);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform ships SHA-256", e);
        }
    }
}
