import Foundation
import WebhookCore

/// The JSON shape of a chatbot in every answer: `{"id", "name", "createdAt"}`.
enum ChatbotJSON {
    /// The representation of `chatbot`.
    static func json(_ chatbot: Chatbot) -> JSON.Value { .object(members(chatbot)) }

    /// The members of ``json(_:)``, for answers that add to them.
    static func members(_ chatbot: Chatbot) -> [String: JSON.Value] {
        ["id": .uuid(chatbot.id), "name": .string(chatbot.name), "createdAt": .date(chatbot.createdAt)]
    }

    /// Reads the body of a chatbot creation, `{"name"}`.
    static func name(from body: JSONObject) throws(APIError) -> String {
        try body.rejectUnknownFields(["name"])
        return try body.require("name", body.displayName("name"))
    }
}
