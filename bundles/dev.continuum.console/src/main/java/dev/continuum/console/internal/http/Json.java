package dev.continuum.console.internal.http;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonPrimitive;
import com.google.gson.JsonSerializer;
import com.google.gson.TypeAdapterFactory;
import com.google.gson.reflect.TypeToken;
import com.google.gson.stream.JsonWriter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.ParameterizedType;
import java.time.Instant;
import java.util.Optional;

/** JSON in and out of the API (gson; records, {@link Instant} as ISO-8601, {@link Optional} as value or null). */
public final class Json {

    public static final Gson GSON = new GsonBuilder().serializeNulls().disableHtmlEscaping()
            .registerTypeAdapter(Instant.class, (JsonSerializer<Instant>) (value, type, context) ->
                    new JsonPrimitive(value.toString()))
            .registerTypeAdapterFactory(optionals())
            .create();
    private static final int MAX_BODY = 4 * 1024 * 1024;

    private Json() {
    }

    public static void send(HttpServletResponse response, int status, Object body) throws IOException {
        response.setStatus(status);
        response.setContentType("application/json;charset=utf-8");
        response.setHeader("Cache-Control", "no-store");
        response.getWriter().write(body instanceof JsonElement element ? element.toString() : GSON.toJson(body));
    }

    public static void error(HttpServletResponse response, int status, String code, String message)
            throws IOException {
        error(response, status, code, message, java.util.Map.of());
    }

    /** An error body: code, message, then the further fields (e.g. an update's {@code reason}). */
    public static void error(HttpServletResponse response, int status, String code, String message,
            java.util.Map<String, String> details) throws IOException {
        JsonObject body = new JsonObject();
        body.addProperty("code", code);
        body.addProperty("message", message);
        details.forEach(body::addProperty);
        send(response, status, body);
    }

    /** The request's JSON body as {@code type}; a 400/415 {@link ApiError} saying what is wrong. */
    public static <T> T read(HttpServletRequest request, Class<T> type) throws IOException {
        String contentType = request.getContentType();
        if (contentType == null || !contentType.toLowerCase().startsWith("application/json")) {
            throw new ApiError(415, "unsupported_media_type", "send the body as application/json");
        }
        if (request.getContentLengthLong() > MAX_BODY) {
            throw new ApiError(413, "too_large", "a JSON body may have at most " + MAX_BODY + " bytes");
        }
        try (Reader reader = request.getReader()) {
            T value = GSON.fromJson(reader, type);
            if (value == null) {
                throw ApiError.badRequest("the body is empty; send a JSON object");
            }
            return value;
        } catch (JsonParseException e) {
            throw ApiError.badRequest("the body is not valid JSON for this request: " + e.getMessage());
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TypeAdapterFactory optionals() {
        return new TypeAdapterFactory() {
            @Override
            public <T> com.google.gson.TypeAdapter<T> create(Gson gson, TypeToken<T> token) {
                if (token.getRawType() != Optional.class) {
                    return null;
                }
                java.lang.reflect.Type inner = token.getType() instanceof ParameterizedType p
                        ? p.getActualTypeArguments()[0] : Object.class;
                com.google.gson.TypeAdapter delegate = gson.getAdapter(TypeToken.get(inner));
                return (com.google.gson.TypeAdapter<T>) new com.google.gson.TypeAdapter<Optional<?>>() {
                    @Override
                    public void write(JsonWriter out, Optional<?> value) throws IOException {
                        if (value == null || value.isEmpty()) {
                            out.nullValue();
                        } else {
                            delegate.write(out, value.get());
                        }
                    }

                    @Override
                    public Optional<?> read(com.google.gson.stream.JsonReader in) throws IOException {
                        return Optional.ofNullable(delegate.read(in));
                    }
                };
            }
        };
    }
}
