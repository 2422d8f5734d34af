import Foundation
import Testing
import WebhookCore

/// The record the event catalogue is checked against: the fields each seed shows, valid and invalid `data`, and
/// each type's schema and example as `GET /api/v1/event-types` serves them.
enum CatalogueRecord {
    /// Every field each seed shows in the `data` of its event, as dotted paths from `data`, by our canonical type and
    /// then by seed and the seed's event name. Copied from `shared/seeds/`; the body of each type's example in that
    /// seed's format must carry all of them.
    static let seedFields: [String: [String: [String]]] = [
        "visitor.created": [
            "000 visitor_created": [
                "visitor", "visitor.id", "visitor.name", "visitor.email", "visitor.phone", "visitor.company",
                "visitor.jobTitle", "visitor.country", "visitor.city", "visitor.referrer", "visitor.firstSeenAt",
                "visitor.lastSeenAt", "visitor.interests", "visitor.qualityScore", "visitor.urgencyScore",
            ],
        ],
        "conversation.started": [
            "002 conversation.started": [
                "conversation_id", "visitor_name", "visitor_email", "visitor_phone", "visitor_ip", "current_url",
                "status", "created_at",
            ],
        ],
        "message.created": [
            "001 ADD_MESSAGE": [
                "chatbotId", "threadId", "gptModel", "sources", "question", "answer", "messageType", "agentId",
                "iconUrl", "agentName", "systemMessageType",
            ],
            "002 message.received": [
                "message_id", "content", "is_from_admin", "admin_name", "conversation_id", "visitor_name",
                "visitor_email", "visitor_phone", "visitor_ip", "current_url", "status", "created_at",
            ],
            "003 message.created": [
                "conversation_id", "message_id", "sender_type", "body", "visitor_email", "visitor_name",
            ],
        ],
        "conversation.escalated": [
            "001 CONVERSATION_ESCALATED": [
                "chatbotId", "threadId", "dashboardUrl", "user", "user.id", "user.email", "user.name", "user.phone",
                "user.verified", "user.createdAt",
            ],
        ],
        "conversation.ended": [
            "000 conversation_ended": [
                "conversation", "conversation.id", "conversation.startedAt", "conversation.endedAt",
                "conversation.outcome", "conversation.messageCount", "conversation.firstMessage",
            ],
        ],
        "lead.created": [
            "004 LEAD_CREATED": leadFields004,
            "001 NEW_LEAD_CAPTURE": [
                "chatbotId", "chatbotName", "dashboardUrl", "leadDetails", "leadDetails.id", "leadDetails.name",
                "leadDetails.email", "leadDetails.phone", "leadDetails.capturedAt",
            ],
        ],
        "lead.updated": [
            // Seed 004 names LEAD_UPDATED without a payload; it is the same lead as LEAD_CREATED.
            "004 LEAD_UPDATED": leadFields004,
        ],
    ]

    static let leadFields004 = [
        "id", "name", "email", "phone", "company", "message", "preferredMethod", "urgency", "source", "status",
        "priority", "tags", "customFields", "chatbotId", "createdAt", "updatedAt",
    ]

    /// Fields of events a seed names without showing a payload (seed 003's `conversation.created`,
    /// `conversation.needs_human`, `conversation.closed`, `ticket.*`; seed 004's `LEAD_UPDATED` changes) and of
    /// `webhook.test`: this product's decisions, in the style of the seed's one example, held to the same checks
    /// in the body of the format named.
    static let decidedFields: [String: (format: PayloadFormat, paths: [String])] = [
        "conversation.started": (.agentbot, ["conversation_id", "visitor_name", "visitor_email"]),
        "conversation.escalated": (.agentbot, ["conversation_id", "reason", "visitor_name", "visitor_email"]),
        "conversation.ended": (.agentbot, [
            "conversation_id", "status", "closed_at", "closed_by", "closed_by.type", "closed_by.id", "closed_by.name",
        ]),
        "lead.updated": (.pollybot, ["changes"]),
        "ticket.created": (.agentbot, ticketFields),
        "ticket.updated": (.agentbot, ticketFields + ["changes"]),
        "webhook.test": (.standard, ["message", "webhookId"]),
        "webhook.disabled": (.standard, ["webhookId", "name", "url", "reason", "disabledAt"]),
        "delivery.exhausted": (.standard, [
            "deliveryId", "webhookId", "webhookName", "eventId", "eventType", "attempts", "lastStatusCode", "lastError",
        ]),
    ]

    /// The format of each seed, by its number.
    static let seedFormats: [String: PayloadFormat] = [
        "000": .suppabot, "001": .sitegpt, "002": .livechat, "003": .agentbot, "004": .pollybot,
    ]

    static let ticketFields = [
        "ticket_id", "conversation_id", "subject", "description", "status", "priority", "assignee", "source",
        "visitor_name", "visitor_email", "created_at", "updated_at",
    ]

    /// Members the seeds show as `null` (so the schema must allow `null` there), by type.
    static let seedNulls: [String: [String]] = [
        "message.created": [
            "agentId", "iconUrl", "agentName", "systemMessageType", "question", "answer", "admin_name",
            "visitor_email", "visitor_name",
        ],
        "conversation.escalated": ["user"],
    ]

    /// The smallest valid `data` of each type: exactly its schema's required members.
    static let minimalData: [String: String] = [
        "visitor.created": #"{"visitor":{"id":"vis_1"}}"#,
        "conversation.started": #"{"conversation_id":"conv_1"}"#,
        "message.created": #"{"conversation_id":"conv_1"}"#,
        "conversation.escalated": #"{"conversation_id":"conv_1"}"#,
        "conversation.ended": #"{"conversation":{"id":"conv_1","outcome":"resolved"}}"#,
        "lead.created": #"{"id":"lead_1"}"#,
        "lead.updated": #"{"id":"lead_1"}"#,
        "ticket.created": #"{"ticket_id":"tkt_1"}"#,
        "ticket.updated": #"{"ticket_id":"tkt_1"}"#,
        "webhook.test": #"{"message":"hello"}"#,
        "webhook.disabled": #"{"webhookId":"w","reason":"gone"}"#,
        "delivery.exhausted": #"{"deliveryId":"d","webhookId":"w"}"#,
    ]

    /// Valid `data` beyond the examples: nulls where allowed, seed 002's integer ids, custom fields.
    static let moreValidData: [(type: String, data: String)] = [
        ("conversation.escalated", #"{"conversation_id":"c","user":null,"reason":null}"#),
        ("message.created", #"{"message_id":456,"conversation_id":123,"question":null,"answer":"Hi","x_custom":{"a":1}}"#),
        ("conversation.started", #"{"conversation_id":123,"visitor_email":null}"#),
        ("conversation.ended", #"{"conversation":{"id":"c","outcome":"abandoned","firstMessage":null},"closed_by":null}"#),
        ("lead.created", #"{"id":"l","leadDetails":{"id":"l","favouriteColour":"blue"},"customFields":{"budget":10000}}"#),
        ("ticket.created", #"{"ticket_id":"t","assignee":null,"conversation_id":null,"source":"manual"}"#),
        ("visitor.created", #"{"visitor":{"id":"v","qualityScore":null,"interests":[]},"extra":true}"#),
    ]

    /// Invalid `data` that is a JSON object, with the error `validate` must give.
    static let invalidData: [(type: String, data: String, error: EventDataError)] = [
        ("visitor.created", #"{}"#, .missingField(path: "visitor")),
        ("visitor.created", #"{"visitor":"vis_1"}"#, .wrongType(path: "visitor", expected: ["object"], found: "string")),
        ("visitor.created", #"{"visitor":{"name":"Jane"}}"#, .missingField(path: "visitor.id")),
        ("visitor.created", #"{"visitor":{"id":"v","qualityScore":82.5}}"#,
         .wrongType(path: "visitor.qualityScore", expected: ["integer", "null"], found: "number")),
        ("visitor.created", #"{"visitor":{"id":"v","interests":["pricing",3]}}"#,
         .wrongType(path: "visitor.interests[1]", expected: ["string"], found: "integer")),
        ("conversation.started", #"{"conversation_id":true}"#,
         .wrongType(path: "conversation_id", expected: ["string", "integer"], found: "boolean")),
        ("message.created", #"{"message_id":"m"}"#, .missingField(path: "conversation_id")),
        ("message.created", #"{"message_id":1.5,"conversation_id":"c"}"#,
         .wrongType(path: "message_id", expected: ["string", "integer"], found: "number")),
        ("message.created", #"{"message_id":"m","conversation_id":"c","sender_type":"bot"}"#,
         .notAllowed(path: "sender_type", allowed: ["visitor", "agent", "ai", "system"])),
        ("message.created", #"{"message_id":"m","conversation_id":"c","body":5}"#,
         .wrongType(path: "body", expected: ["string", "null"], found: "integer")),
        ("conversation.escalated", #"{"conversation_id":"c","user":{"name":"John"}}"#, .missingField(path: "user.id")),
        ("conversation.escalated", #"{"conversation_id":"c","user":"John"}"#,
         .wrongType(path: "user", expected: ["object", "null"], found: "string")),
        ("conversation.ended", #"{"conversation":{"id":"c"}}"#, .missingField(path: "conversation.outcome")),
        ("conversation.ended", #"{"conversation":{"id":"c","outcome":"won"}}"#,
         .notAllowed(path: "conversation.outcome", allowed: ["lead_captured", "handoff_requested", "resolved", "abandoned"])),
        ("conversation.ended", #"{"conversation":{"id":"c","outcome":"resolved","messageCount":"8"}}"#,
         .wrongType(path: "conversation.messageCount", expected: ["integer"], found: "string")),
        ("lead.created", #"{"name":"John"}"#, .missingField(path: "id")),
        ("lead.created", #"{"id":"l","tags":"vip"}"#, .wrongType(path: "tags", expected: ["array"], found: "string")),
        ("lead.created", #"{"id":"l","customFields":[]}"#, .wrongType(path: "customFields", expected: ["object"], found: "array")),
        ("lead.updated", #"{"id":42}"#, .wrongType(path: "id", expected: ["string"], found: "integer")),
        ("ticket.created", #"{"ticket_id":"t","source":"email"}"#, .notAllowed(path: "source", allowed: ["ai", "manual"])),
        ("ticket.updated", #"{"ticket_id":"t","assignee":{"name":"Maria"}}"#, .missingField(path: "assignee.id")),
        ("webhook.test", #"{"webhookId":"w"}"#, .missingField(path: "message")),
    ]

    /// JSON texts that are not objects, with the type name `validate` reports.
    static let nonObjects: [(data: String, found: String)] = [
        ("[]", "array"), (#"[{"id":"x"}]"#, "array"), (#""lead""#, "string"), ("42", "integer"), ("4.5", "number"),
        ("null", "null"), ("true", "boolean"),
    ]

    static let typeNames = EventType.catalogue.map(\.name)

    // MARK: The catalogue as served

    /// Each type's schema and example as JSON text, cut out of `EventType.catalogueJSON()` (the bytes the API
    /// serves), by type name.
    static let served: [String: (schema: String, example: String)] = {
        let bytes = EventType.catalogueJSON()
        var entries: [String: (schema: String, example: String)] = [:]
        var position = 0
        for type in EventType.catalogue {
            guard let entry = end(of: Array(#"{"name":\#(quoted(type.name))"#.utf8), in: bytes, from: position),
                  let schema = value(after: Array(#","schema":"#.utf8), in: bytes, from: entry),
                  let example = value(after: Array(#","example":"#.utf8), in: bytes, from: schema.upperBound)
            else { break }
            entries[type.name] = (String(decoding: bytes[schema], as: UTF8.self), String(decoding: bytes[example], as: UTF8.self))
            position = example.upperBound
        }
        return entries
    }()

    /// The schema of `type` as served (`{}` when the catalogue lacks it, which the tests then refuse).
    static func schema(of type: EventType) -> String {
        served[type.name]?.schema ?? "{}"
    }

    /// The example of `type` as served (`{}` when the catalogue lacks it).
    static func example(of type: EventType) -> String {
        served[type.name]?.example ?? "{}"
    }

    /// Where the first `pattern` at or after `start` ends.
    private static func end(of pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Int? {
        guard bytes.count >= pattern.count, start <= bytes.count - pattern.count else { return nil }
        return (start...(bytes.count - pattern.count)).first { bytes[$0..<$0 + pattern.count].elementsEqual(pattern) }
            .map { $0 + pattern.count }
    }

    /// The range of the compact JSON object or array that follows the first `pattern` at or after `start`.
    private static func value(after pattern: [UInt8], in bytes: [UInt8], from start: Int) -> Range<Int>? {
        guard let first = end(of: pattern, in: bytes, from: start) else { return nil }
        var depth = 0
        var inString = false
        var index = first
        while index < bytes.count {
            let byte = bytes[index]
            if inString {
                if byte == UInt8(ascii: "\\") { index += 1 } else if byte == UInt8(ascii: "\"") { inString = false }
            } else if byte == UInt8(ascii: "\"") {
                inString = true
            } else if byte == UInt8(ascii: "{") || byte == UInt8(ascii: "[") {
                depth += 1
            } else if byte == UInt8(ascii: "}") || byte == UInt8(ascii: "]") {
                depth -= 1
                if depth == 0 { return first..<index + 1 }
            }
            index += 1
        }
        return nil
    }

    // MARK: Helpers

    /// The seed and decided field lists of `name`, by source, with the format whose body must carry them.
    static func fields(of name: String) -> [(source: String, format: PayloadFormat, paths: [String])] {
        var fields = (seedFields[name] ?? [:]).sorted { $0.key < $1.key }.compactMap { source, paths in
            seedFormats[String(source.prefix(3))].map { (source, $0, paths) }
        }
        if let decided = decidedFields[name] { fields.append(("decided", decided.format, decided.paths)) }
        return fields
    }

    /// The `data` of the body of `type`'s example in `format`, as the catalogue serves it.
    static func formatExampleData(of type: EventType, in format: PayloadFormat) throws -> Any? {
        guard let body = type.formats.first(where: { $0.format == format })?.exampleBody else { return nil }
        return lookup("data", in: try JSONSerialization.jsonObject(with: Data(body)))
    }

    static func jsonObject(_ text: String) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed])
    }

    /// The value at a dotted `path` (`user.id`), or `nil` when a member on the way is missing. A present `null`
    /// is found (`NSNull`).
    static func lookup(_ path: String, in value: Any) -> Any? {
        var current: Any = value
        for key in path.split(separator: ".").map(String.init) {
            guard let object = current as? [String: Any], let next = object[key] else { return nil }
            current = next
        }
        return current
    }

    /// The subschema describing the member at a dotted `path`, through `properties`.
    static func schemaNode(_ path: String, in schema: Any) -> Any? {
        var current: Any = schema
        for key in path.split(separator: ".").map(String.init) {
            guard let properties = (current as? [String: Any])?["properties"] as? [String: Any],
                  let next = properties[key] else { return nil }
            current = next
        }
        return current
    }

    /// Every subschema under `properties` (at any depth) states a `type` or an `enum`.
    static func expectEveryPropertyTyped(_ schema: [String: Any], at path: String) {
        guard let properties = schema["properties"] as? [String: Any] else { return }
        for (key, value) in properties {
            let member = value as? [String: Any] ?? [:]
            #expect(member["type"] != nil || member["enum"] != nil, "\(path).\(key) has no type")
            expectEveryPropertyTyped(member, at: "\(path).\(key)")
            if let items = member["items"] as? [String: Any] {
                #expect(items["type"] != nil || items["enum"] != nil, "\(path).\(key)[] has no type")
            }
        }
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }
}
