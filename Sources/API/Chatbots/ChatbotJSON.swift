import Foundation
import WebhookCore

/// The JSON shape of a chatbot in every answer: `{"id", "name", "createdAt"}`.
enum ChatbotJSON {
    /// The representation of `chatbot`.
    static func json(_ chatbot: Chatbot) -> [String: Any] {
        [
            "id": chatbot.id.uuidString.lowercased(),
            "name": chatbot.name,
            "createdAt": ISODate.string(chatbot.createdAt),
        ]
    }

    /// Reads the body of a chatbot creation, `{"name"}`.
    static func name(from body: JSONObject) throws(APIError) -> String {
        try body.rejectUnknownFields(["name"])
        return try body.require("name", body.displayName("name"))
    }
}
