package dev.lifeline.hashing;

import com.sun.jna.Callback;
import com.sun.jna.CallbackReference;
import com.sun.jna.Memory;
import com.sun.jna.Pointer;
import de.mkammerer.argon2.jna.Argon2Library;
import de.mkammerer.argon2.jna.Argon2_context;
import de.mkammerer.argon2.jna.Argon2_type;
import de.mkammerer.argon2.jna.Argon2_version;
import de.mkammerer.argon2.jna.JnaUint32;
import de.mkammerer.argon2.jna.Size_t;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Argon2id hashes as PHC strings ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), computed by
 * libargon2 itself (through argon2-jvm's binding: JNA, the native library inside the jar) in the
 * native memory of a {@link HashingStage} worker, which libargon2 is handed through its allocation
 * callback instead of allocating 19 MiB afresh for every run. A PHC string carries its own
 * parameters, so hashes made with other parameters, or by password4j as Lifeline once did, keep
 * verifying; the comparison is in constant time.
 */
public final class Argon2id {

    /** Memory in KiB, passes, lanes. */
    public record Parameters(int memoryKib, int iterations, int parallelism) {
        /** OWASP's first choice for Argon2id: 19 MiB, two passes, one lane. */
        public static final Parameters OWASP = new Parameters(19456, 2, 1);

        boolean weakerThan(Parameters other) {
            return memoryKib < other.memoryKib || iterations < other.iterations || parallelism != other.parallelism;
        }
    }

    /** A decoded PHC string. */
    private record Phc(String variant, int version, Parameters parameters, byte[] salt, byte[] hash) {
        private static final Pattern FORMAT = Pattern.compile(
                "^\\$(argon2id|argon2i|argon2d)\\$(?:v=(\\d+)\\$)?m=(\\d{1,8}),t=(\\d{1,6}),p=(\\d{1,3})\\$([A-Za-z0-9+/]{11,})\\$([A-Za-z0-9+/]{22,})$");

        static Optional<Phc> parse(String phc) {
            Matcher m = phc == null ? null : FORMAT.matcher(phc);
            if (m == null || !m.matches()) {
                return Optional.empty();
            }
            try {
                return Optional.of(new Phc(m.group(1), m.group(2) == null ? 0x10 : Integer.parseInt(m.group(2)),
                        new Parameters(Integer.parseInt(m.group(3)), Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5))),
                        B64_DECODER.decode(m.group(6)), B64_DECODER.decode(m.group(7))));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }

        Phc withHash(byte[] computed) {
            return new Phc(variant, version, parameters, salt, computed);
        }

        int type() {
            return switch (variant) {
                case "argon2d" -> 0;
                case "argon2i" -> 1;
                default -> 2;
            };
        }

        String encode() {
            return "$" + variant + "$v=" + version + "$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p="
                    + parameters.parallelism() + "$" + B64_ENCODER.encodeToString(salt) + "$" + B64_ENCODER.encodeToString(hash);
        }
    }

    /** libargon2's allocate_fptr: hands out the current worker's memory. */
    public interface Allocate extends Callback {
        int invoke(Pointer memory, Size_t bytes);
    }

    /** libargon2's deallocate_fptr: the memory stays with its worker (libargon2 has already wiped it). */
    public interface Release extends Callback {
        void invoke(Pointer memory, Size_t bytes);
    }

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int VERSION_13 = 0x13;
    private static final Base64.Encoder B64_ENCODER = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64_DECODER = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final ThreadLocal<HashingStage.Scratch> CURRENT = new ThreadLocal<>();
    private static final Allocate ALLOCATE = (memory, bytes) -> {
        memory.setPointer(0, CURRENT.get().atLeast(bytes.longValue()));
        return 0;
    };
    private static final Release RELEASE = (memory, bytes) -> {
    };
    private static final int ARGON2_OK = 0;

    private final Parameters current;
    private final HashingStage stage;

    public Argon2id(Parameters current, HashingStage stage) {
        this.current = current;
        this.stage = stage;
    }

    /** A new PHC string for the secret, with a fresh random salt and today's parameters. */
    public String hash(String secret) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        Phc unhashed = new Phc("argon2id", VERSION_13, current, salt, null);
        return unhashed.withHash(raw(secret, unhashed, HASH_BYTES)).encode();
    }

    /** Whether the secret is the one the PHC string was made from; false for anything that is not an Argon2 PHC string. */
    public boolean verify(String secret, String phcString) {
        Optional<Phc> phc = Phc.parse(phcString);
        return phc.isPresent() && MessageDigest.isEqual(raw(secret, phc.get(), phc.get().hash().length), phc.get().hash());
    }

    /** Whether the PHC string was made with weaker parameters than today's (or not as Argon2id): rehash it at the next chance. */
    public boolean isWeakerThanCurrent(String phcString) {
        return Phc.parse(phcString)
                .map(phc -> !phc.variant().equals("argon2id") || phc.version() != VERSION_13 || phc.parameters().weakerThan(current)
                        || phc.hash().length < HASH_BYTES)
                .orElse(true);
    }

    /** The raw Argon2 output for the secret at the PHC string's variant, version, parameters and salt, computed on a worker of the stage. */
    private byte[] raw(String secret, Phc phc, int length) {
        byte[] password = secret.getBytes(StandardCharsets.UTF_8);
        try {
            return stage.run(scratch -> {
                try (Memory pwd = new Memory(Math.max(1, password.length)); Memory salt = new Memory(phc.salt().length);
                     Memory out = new Memory(length)) {
                    pwd.write(0, password, 0, password.length);
                    salt.write(0, phc.salt(), 0, phc.salt().length);
                    Argon2_context.ByReference context = new Argon2_context.ByReference();
                    context.out = out;
                    context.outlen = new JnaUint32(length);
                    context.pwd = pwd;
                    context.pwdlen = new JnaUint32(password.length);
                    context.salt = salt;
                    context.saltlen = new JnaUint32(phc.salt().length);
                    context.secretlen = new JnaUint32(0);
                    context.adlen = new JnaUint32(0);
                    context.t_cost = new JnaUint32(phc.parameters().iterations());
                    context.m_cost = new JnaUint32(phc.parameters().memoryKib());
                    context.lanes = new JnaUint32(phc.parameters().parallelism());
                    context.threads = new JnaUint32(1);
                    context.version = new Argon2_version(phc.version());
                    context.allocate_cbk = CallbackReference.getFunctionPointer(ALLOCATE);
                    context.free_cbk = CallbackReference.getFunctionPointer(RELEASE);
                    context.flags = new JnaUint32(0);
                    CURRENT.set(scratch);
                    int result;
                    try {
                        result = Argon2Library.INSTANCE.argon2_ctx(context, new Argon2_type(phc.type()));
                    } finally {
                        CURRENT.remove();
                        pwd.clear();
                    }
                    if (result != ARGON2_OK) {
                        throw new IllegalStateException("libargon2: " + Argon2Library.INSTANCE.argon2_error_message(result));
                    }
                    return out.getByteArray(0, length);
                }
            });
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }
}
