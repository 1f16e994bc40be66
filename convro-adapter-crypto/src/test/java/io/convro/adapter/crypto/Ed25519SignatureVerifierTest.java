package io.convro.adapter.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import io.convro.domain.prekey.Ed25519PublicKey;
import io.convro.domain.prekey.Ed25519Signature;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class Ed25519SignatureVerifierTest {
    private final Ed25519SignatureVerifier verifier = new Ed25519SignatureVerifier();

    /** RFC 8032 §7.1, typed from the RFC. */
    record Vector(String name, String secretKey, String publicKey, String message, String signature) {
        byte[] key() {
            return hex(publicKey);
        }

        byte[] msg() {
            return hex(message);
        }

        byte[] sig() {
            return hex(signature);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Vector> rfc8032Vectors() {
        return Stream.of(
                new Vector("TEST 1",
                        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
                        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
                        "",
                        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b"),
                new Vector("TEST 2",
                        "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb",
                        "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c",
                        "72",
                        "92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00"),
                new Vector("TEST 3",
                        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
                        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
                        "af82",
                        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a"),
                new Vector("TEST SHA(abc)",
                        "833fe62409237b9d62ec77587520911e9a759cec1d19755b7da901b96dca3d42",
                        "ec172b93ad5e563bf4932c70e1245034c35467ef2efd4d64ebf819683467e2bf",
                        "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a"
                                + "2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f",
                        "dc2a4459e7369633a52b1bf277839a00201009a3efbf3ecb69bea2186c26b589"
                                + "09351fc9ac90b3ecfdfbc7c66431e0303dca179c138ac17ad9bef1177331a704"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void rfc8032VectorVerifies(Vector v) {
        assertThat(verify(v.key(), v.msg(), v.sig())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void rfc8032VectorPublicKeyBelongsToItsSecretKey(Vector v) {
        // guards against a typo in the vectors themselves
        byte[] derived = new Ed25519PrivateKeyParameters(hex(v.secretKey()), 0).generatePublicKey().getEncoded();
        assertThat(derived).isEqualTo(v.key());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void flippingAnyBitOfTheMessageFailsVerification(Vector v) {
        byte[] message = v.msg();
        for (int bit = 0; bit < message.length * 8; bit++) {
            assertThat(verify(v.key(), flip(message, bit), v.sig())).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void appendingToTheEmptyMessageFailsVerification() {
        Vector test1 = rfc8032Vectors().findFirst().orElseThrow();
        assertThat(verify(test1.key(), new byte[] {0}, test1.sig())).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void flippingAnyBitOfTheSignatureFailsVerification(Vector v) {
        for (int bit = 0; bit < 64 * 8; bit++) {
            assertThat(verify(v.key(), v.msg(), flip(v.sig(), bit))).as("bit %d", bit).isFalse();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rfc8032Vectors")
    void flippingAnyBitOfThePublicKeyFailsVerificationWithoutThrowing(Vector v) {
        // many flipped keys are not curve points at all: that must be "false", not an exception
        for (int bit = 0; bit < 32 * 8; bit++) {
            assertThat(verify(flip(v.key(), bit), v.msg(), v.sig())).as("bit %d", bit).isFalse();
        }
    }

    @Test
    void keyThatIsNotACurvePointIsFalseNotAnException() {
        Vector test1 = rfc8032Vectors().findFirst().orElseThrow();
        // y = 2^255 - 1 is not a canonical field element, so this encodes no point
        byte[] notAPoint = hex("ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f");
        assertThat(verify(notAPoint, test1.msg(), test1.sig())).isFalse();
    }

    @Test
    void signatureOfAnotherVectorFailsVerification() {
        Vector[] v = rfc8032Vectors().toArray(Vector[]::new);
        assertThat(verify(v[2].key(), v[2].msg(), v[1].sig())).isFalse();
        assertThat(verify(v[1].key(), v[2].msg(), v[2].sig())).isFalse();
    }

    @Test
    void missingArgumentsAreFalse() {
        Vector v = rfc8032Vectors().findFirst().orElseThrow();
        assertThat(verifier.verifyEd25519(null, v.msg(), Ed25519Signature.of(v.sig()))).isFalse();
        assertThat(verifier.verifyEd25519(Ed25519PublicKey.of(v.key()), null, Ed25519Signature.of(v.sig()))).isFalse();
        assertThat(verifier.verifyEd25519(Ed25519PublicKey.of(v.key()), v.msg(), null)).isFalse();
    }

    private boolean verify(byte[] key, byte[] message, byte[] signature) {
        return verifier.verifyEd25519(Ed25519PublicKey.of(key), message, Ed25519Signature.of(signature));
    }

    private static byte[] flip(byte[] bytes, int bit) {
        byte[] copy = bytes.clone();
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
    }

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }
}
