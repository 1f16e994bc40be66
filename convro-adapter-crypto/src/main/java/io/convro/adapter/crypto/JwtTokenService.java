package io.convro.adapter.crypto;

import com.github.benmanes.caffeine.cache.Cache;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.convro.application.auth.AccessGrant;
import io.convro.application.auth.IssuedRefreshToken;
import io.convro.application.auth.PresentedRefreshToken;
import io.convro.application.auth.TokenService;
import io.convro.application.shared.Clock;
import io.convro.domain.DomainException;
import io.convro.domain.ErrorCode;
import java.security.SecureRandom;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.HexFormat;
import java.util.Objects;

/**
 * Access tokens as HS256 JWTs (nimbus-jose-jwt) and refresh tokens as {@code rt_<jti>_<secret>}.
 * Only HS256 with our secret and our issuer is accepted: the algorithm is fixed here, never taken
 * from the token.
 */
public final class JwtTokenService implements TokenService {
    private static final Base64.Encoder URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder URL_DECODER = Base64.getUrlDecoder();
    public static final String DEFAULT_ISSUER = "convro";
    public static final Duration DEFAULT_ACCESS_TOKEN_TTL = Duration.ofMinutes(15);
    /** HS256 needs a key as long as its output (RFC 7518 §3.2). */
    public static final int MIN_SECRET_BYTES = 32;
    /** Far above any token we issue; a longer bearer value is not worth parsing. */
    private static final int MAX_TOKEN_CHARS = 8192;
    private static final int JTI_BYTES = 16;

    private final JWSSigner signer;
    private final JWSVerifier verifier;
    private final String issuer;
    private final Duration accessTokenTtl;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final RefreshTokens refreshTokens = new RefreshTokens(random);
    /** Derives rotations' successors: a key of its own, so the signing key is never used for anything else. */
    private final byte[] successorKey;
    private final VerifiedTokens verified = new VerifiedTokens();

    /** Issuer {@value #DEFAULT_ISSUER}, access tokens valid for 15 minutes. */
    public JwtTokenService(byte[] secret, Clock clock) {
        this(secret, DEFAULT_ISSUER, DEFAULT_ACCESS_TOKEN_TTL, clock);
    }

    /**
     * @param secret         the HMAC key, at least {@value #MIN_SECRET_BYTES} bytes
     * @param issuer         written to and required in {@code iss}
     * @param accessTokenTtl access-token lifetime, at least one second (JWT times are whole seconds)
     * @param clock          the source of {@code iat} and of "now" when checking {@code exp}
     */
    public JwtTokenService(byte[] secret, String issuer, Duration accessTokenTtl, Clock clock) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("JWT secret must be at least " + MIN_SECRET_BYTES + " bytes");
        }
        if (issuer == null || issuer.isBlank()) {
            throw new IllegalArgumentException("JWT issuer must not be blank");
        }
        if (accessTokenTtl == null || accessTokenTtl.compareTo(Duration.ofSeconds(1)) < 0) {
            throw new IllegalArgumentException("access token lifetime must be at least one second");
        }
        try {
            this.signer = new MACSigner(secret.clone());
            this.verifier = new MACVerifier(secret.clone());
        } catch (JOSEException e) {
            throw new IllegalArgumentException("JWT secret refused: " + e.getMessage(), e);
        }
        this.successorKey = RefreshTokens.subkey(secret, "convro refresh-token successor v1");
        this.issuer = issuer;
        this.accessTokenTtl = accessTokenTtl;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public String issueAccessToken(AccessGrant grant) {
        return sign(grant, clock.now(), randomHex(JTI_BYTES));
    }

    /** {@inheritDoc} HS256 is deterministic and the claims are written in a fixed order: same inputs, same token. */
    @Override
    public String accessTokenFor(AccessGrant grant, IssuedRefreshToken refresh, Instant issuedAt) {
        Objects.requireNonNull(refresh, "refresh");
        return sign(grant, issuedAt, RefreshTokens.derivedId(refresh, successorKey));
    }

    private String sign(AccessGrant grant, Instant at, String jti) {
        Objects.requireNonNull(grant, "grant");
        // JWT times are whole seconds; truncating iat first makes exp exactly iat + ttl
        Instant issuedAt = at.truncatedTo(ChronoUnit.SECONDS);
        JWTClaimsSet claims = AccessTokenClaims.write(grant, new JWTClaimsSet.Builder())
                .issuer(issuer)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(issuedAt.plus(accessTokenTtl)))
                .jwtID(jti)
                .build();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(), claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("HS256 signing failed", e);
        }
        return jwt.serialize();
    }

    /** The access tokens verified already (by their text), for their hit rate in the metrics. */
    public Cache<String, ?> verifiedTokens() {
        return verified.cache();
    }

    /** {@inheritDoc} A token verified before is only checked for expiry again (see {@link VerifiedTokens}). */
    @Override
    public AccessGrant verifyAccessToken(String token) {
        if (token == null || token.isBlank() || token.length() > MAX_TOKEN_CHARS) {
            throw unauthorized("missing or malformed access token");
        }
        VerifiedTokens.Verified known = verified.find(token);
        if (known != null) {
            if (!clock.now().isBefore(known.expiry())) {
                verified.forget(token);
                throw new DomainException(ErrorCode.TOKEN_EXPIRED, "access token expired");
            }
            return known.grant();
        }
        SignedJWT jwt = parse(token);
        if (!JWSAlgorithm.HS256.equals(jwt.getHeader().getAlgorithm())) {
            throw unauthorized("access token algorithm not accepted");
        }
        if (!signatureValid(jwt)) {
            throw unauthorized("access token signature invalid");
        }
        JWTClaimsSet claims = claims(jwt);
        if (!issuer.equals(claims.getIssuer())) {
            throw unauthorized("access token issuer not accepted");
        }
        AccessGrant grant = AccessTokenClaims.read(claims);
        Date expiry = claims.getExpirationTime();
        if (expiry == null) {
            throw unauthorized("access token has no expiry");
        }
        // checked last, so TOKEN_EXPIRED always means "ours and otherwise valid: refresh it"
        if (!clock.now().isBefore(expiry.toInstant())) {
            throw new DomainException(ErrorCode.TOKEN_EXPIRED, "access token expired");
        }
        verified.remember(token, grant, expiry.toInstant());
        return grant;
    }

    @Override
    public IssuedRefreshToken newRefreshToken() {
        return refreshTokens.issue();
    }

    @Override
    public IssuedRefreshToken successorOf(PresentedRefreshToken presented) {
        Objects.requireNonNull(presented, "presented");
        return RefreshTokens.successorOf(presented, successorKey);
    }

    @Override
    public PresentedRefreshToken parseRefreshToken(String token) {
        return RefreshTokens.parse(token);
    }

    @Override
    public boolean refreshSecretMatches(PresentedRefreshToken presented, String storedSecretHash) {
        return RefreshTokens.matches(presented, storedSecretHash);
    }

    private static SignedJWT parse(String token) {
        if (!canonical(token)) {
            throw unauthorized("malformed access token");
        }
        try {
            return SignedJWT.parse(token);
        } catch (ParseException | RuntimeException e) {
            // untrusted input: whatever the parser trips over is the client's fault, never a 500
            throw unauthorized("malformed access token");
        }
    }

    /**
     * Whether the token is three parts of base64url exactly as this server writes them: no padding, no other
     * characters, and no bits set beyond the last whole byte. A decoder ignores those bits, so without this one
     * signature would verify in several spellings, and a token could be replayed under a name no cache or
     * revocation list has seen.
     */
    static boolean canonical(String token) {
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return false;
        }
        for (String part : parts) {
            if (part.isEmpty() || part.length() % 4 == 1) {
                return false;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!(c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_')) {
                    return false;
                }
            }
            if (!URL_ENCODER.encodeToString(URL_DECODER.decode(part)).equals(part)) {
                return false;
            }
        }
        return true;
    }

    private boolean signatureValid(SignedJWT jwt) {
        try {
            return jwt.verify(verifier);
        } catch (JOSEException | RuntimeException e) {
            return false;
        }
    }

    private static JWTClaimsSet claims(SignedJWT jwt) {
        try {
            return jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            throw unauthorized("malformed access token claims");
        }
    }

    private String randomHex(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return HexFormat.of().formatHex(buffer);
    }

    private static DomainException unauthorized(String message) {
        return new DomainException(ErrorCode.UNAUTHORIZED, message);
    }
}
