package io.github.wsbridge.example.chat;

import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObjectBuilder;
import java.util.Collection;

/**
 * The JSON objects {@code /chat} sends, one per WebSocket text message:
 *
 * <ul>
 *   <li>{@code {"type":"welcome","name":N,"members":[...],"maxMessageBytes":B}} to a member who just joined;</li>
 *   <li>{@code {"type":"join","name":N,"members":[...]}} and {@code {"type":"leave","name":N,"code":C,"members":[...]}}
 *       to everyone;</li>
 *   <li>{@code {"type":"message","from":N,"text":T}} to everyone;</li>
 *   <li>{@code {"type":"error","text":T}} to one member whose input was refused (the connection stays open).</li>
 * </ul>
 */
public final class ChatJson {

    private ChatJson() {
    }

    static String welcome(String name, Collection<String> members, int maxMessageBytes) {
        return Json.createObjectBuilder().add("type", "welcome").add("name", name).add("members", array(members))
                .add("maxMessageBytes", maxMessageBytes).build().toString();
    }

    static String join(String name, Collection<String> members) {
        return Json.createObjectBuilder().add("type", "join").add("name", name).add("members", array(members))
                .build().toString();
    }

    static String leave(String name, int code, Collection<String> members) {
        return Json.createObjectBuilder().add("type", "leave").add("name", name).add("code", code)
                .add("members", array(members)).build().toString();
    }

    static String message(String from, String text) {
        return object("message").add("from", from).add("text", text).build().toString();
    }

    static String error(String text) {
        return object("error").add("text", text).build().toString();
    }

    private static JsonObjectBuilder object(String type) {
        return Json.createObjectBuilder().add("type", type);
    }

    private static JsonArrayBuilder array(Collection<String> values) {
        JsonArrayBuilder array = Json.createArrayBuilder();
        values.forEach(array::add);
        return array;
    }
}
