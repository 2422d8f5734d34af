import Foundation
import WebhookCore

/// The JSON shapes of API keys. The key itself appears only in the answer that creates it.
enum APIKeyJSON {
    /// The note sent beside a new key.
    static let note = "Store this key now: it is shown only once. Send it as Authorization: Bearer <key>."

    /// The representation of `apiKey`, without the key.
    static func json(_ apiKey: APIKey) -> JSON.Value { .object(members(apiKey)) }

    /// The members of ``json(_:)``, for answers that add to them.
    static func members(_ apiKey: APIKey) -> [String: JSON.Value] {
        [
            "id": .uuid(apiKey.id),
            "name": .string(apiKey.name),
            "prefix": .string(apiKey.prefix),
            "createdAt": .date(apiKey.createdAt),
            "lastUsedAt": .date(apiKey.lastUsedAt),
            "revokedAt": .date(apiKey.revokedAt),
        ]
    }

    /// The members of the answer that creates a key: its representation, the key, and the note.
    static func created(_ apiKey: APIKey, key: String) -> [String: JSON.Value] {
        var object = members(apiKey)
        object["key"] = .string(key)
        object["note"] = .string(note)
        return object
    }

    /// Reads the body of a key creation, `{"name"}`.
    static func name(from body: JSONObject) throws(APIError) -> String {
        try body.rejectUnknownFields(["name"])
        return try body.require("name", body.displayName("name"))
    }
}
