package dev.continuum.console.internal.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.continuum.console.internal.http.ApiError;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SignedUploadTest {

    private static byte[] envelope(String artifacts) {
        String payload = "{\"name\": \"m\", \"version\": \"2.0.0\", \"artifacts\": [" + artifacts + "]}";
        return ("{\"payload\": \"" + Base64.getEncoder().encodeToString(payload.getBytes(StandardCharsets.UTF_8))
                + "\", \"signatures\": []}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void storesEachPartUnderTheNameTheManifestPinsForItsSuffix() {
        byte[] signed = envelope("{\"name\": \"m-2.0.0.onnx\"}, {\"name\": \"m-2.0.0.json\"}");
        assertThat(SignedUpload.artifactName(signed, ".onnx", "upload.onnx", "model.onnx")).isEqualTo("m-2.0.0.onnx");
        assertThat(SignedUpload.artifactName(signed, ".json", "x.json", "model.json")).isEqualTo("m-2.0.0.json");
    }

    @Test
    void fallsBackToAPlainSubmittedNameOrTheDefaultWhenTheManifestDoesNotSay() {
        assertThat(SignedUpload.artifactName("not json".getBytes(StandardCharsets.UTF_8), ".dp", "p-1.dp", "package.dp"))
                .isEqualTo("p-1.dp");
        assertThat(SignedUpload.artifactName("{}".getBytes(StandardCharsets.UTF_8), ".dp", "../../etc/p.dp", "package.dp"))
                .isEqualTo("package.dp");
        assertThat(SignedUpload.artifactName(envelope("{\"name\": \"../evil.dp\"}"), ".dp", null, "package.dp"))
                .isEqualTo("package.dp");
        assertThat(SignedUpload.artifactName(envelope("{\"name\": \"a.dp\"}, {\"name\": \"b.dp\"}"), ".dp", null,
                "package.dp")).isEqualTo("package.dp");
    }

    @Test
    void aPackageUrlMustBeHttpOrHttpsWithAHost() {
        assertThat(PackagesResource.manifestUrl(" https://updates.example/p-1.dp.update.json ").getHost())
                .isEqualTo("updates.example");
        for (String url : new String[] {"file:///etc/passwd", "ftp://host/p.json", "https:///nohost", "", "::"}) {
            assertThatThrownBy(() -> PackagesResource.manifestUrl(url)).as(url).isInstanceOf(ApiError.class)
                    .satisfies(e -> assertThat(((ApiError) e).status()).isEqualTo(400));
        }
    }
}
