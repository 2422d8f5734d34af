import Foundation
import WebhookCore

/// The JSON shapes of API keys. The key itself appears only in the answer that creates it.
enum APIKeyJSON {
    /// The note sent beside a new key.
    static let note = "Store this key now: it is shown only once. Send it as Authorization: Bearer <key>."

    /// The representation of `apiKey`, without the key.
    static func json(_ apiKey: APIKey) -> [String: Any] {
        [
            "id": apiKey.id.uuidString.lowercased(),
            "name": apiKey.name,
            "prefix": apiKey.prefix,
            "createdAt": ISODate.string(apiKey.createdAt),
            "lastUsedAt": ISODate.json(apiKey.lastUsedAt),
            "revokedAt": ISODate.json(apiKey.revokedAt),
        ]
    }

    /// The answer that creates a key: its representation, the key, and the note.
    static func created(_ apiKey: APIKey, key: String) -> [String: Any] {
        var object = json(apiKey)
        object["key"] = key
        object["note"] = note
        return object
    }

    /// Reads the body of a key creation, `{"name"}`.
    static func name(from body: JSONObject) throws(APIError) -> String {
        try body.rejectUnknownFields(["name"])
        return try body.require("name", body.displayName("name"))
    }
}
