package dev.continuum.update.tool;

import static org.assertj.core.api.Assertions.assertThat;

import dev.continuum.update.internal.manifest.Fixtures;
import dev.continuum.update.internal.manifest.Keys;
import java.security.KeyPair;
import org.junit.jupiter.api.Test;

class SignerTest {

    @Test
    void derivesThePublicKeyFromAStoredPrivateKey() {
        KeyPair original = Fixtures.newKey();

        KeyPair restored = Signer.pair(Keys.encode(original.getPrivate()));

        assertThat(restored.getPublic().getEncoded()).isEqualTo(original.getPublic().getEncoded());
    }
}
