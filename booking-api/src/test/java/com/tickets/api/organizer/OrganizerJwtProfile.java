package com.tickets.api.organizer;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.PrivateKey;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Map;

/**
 * The {@code prod} profile's organizer sign-in (bearer JWTs only, no Basic) with a key pair made
 * for the test: the public key is what {@code ORGANIZER_JWT_PUBLIC_KEY_LOCATION} would point at.
 * The production secrets check is given nothing to check (the test database's password is
 * {@code postgres}, which it would rightly refuse; {@code ProductionRefusesBuiltInSecretsIT} tests it).
 */
public class OrganizerJwtProfile implements QuarkusTestProfile {

    static final String ISSUER = "https://id.tickets.example.com";
    static final Path KEYS = Path.of("target", "organizer-jwt");

    @Override
    public String getConfigProfile() {
        return "prod";
    }

    @Override
    public Map<String, String> getConfigOverrides() {
        KeyPair pair = generate();
        try {
            Files.createDirectories(KEYS);
            Files.writeString(KEYS.resolve("public.pem"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
            Files.writeString(KEYS.resolve("private.pem"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Map.of(
                "mp.jwt.verify.publickey.location", KEYS.resolve("public.pem").toAbsolutePath().toUri().toString(),
                "mp.jwt.verify.issuer", ISSUER,
                "tickets.production.secrets", "",
                "tickets.production.passwords", "",
                "tickets.production.required", "",
                "booking.demo-data", "false");
    }

    static KeyPair generate() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static PrivateKey signingKey() {
        try {
            String pem = Files.readString(KEYS.resolve("private.pem"));
            byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException | InvalidKeySpecException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
