import Foundation
import Testing
import WebhookCore

/// The event catalogue's documentation: every type's `data` schema and example, `GET /api/v1/event-types`, and the
/// validator publishing uses.
@Suite struct EventCatalogueTests {
    // MARK: The spec of record

    /// Every field each seed shows in the `data` of its event, as dotted paths from `data`, by our canonical type and
    /// then by seed and the seed's event name. Copied from `shared/seeds/`; each example must carry all of them and
    /// each schema must type all of them.
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
    /// `webhook.test`: this product's decisions, in the style of the seed's one example, held to the same checks.
    static let decidedFields: [String: [String]] = [
        "conversation.started": ["conversation_id", "visitor_name", "visitor_email"],
        "conversation.escalated": ["conversation_id", "reason", "visitor_name", "visitor_email"],
        "conversation.ended": [
            "conversation_id", "status", "closed_at", "closed_by", "closed_by.type", "closed_by.id", "closed_by.name",
        ],
        "lead.updated": [
            "chatbotName", "dashboardUrl", "leadDetails", "leadDetails.id", "leadDetails.name", "leadDetails.email",
            "leadDetails.phone", "leadDetails.capturedAt", "changes",
        ],
        "ticket.created": ticketFields,
        "ticket.updated": ticketFields + ["changes"],
        "webhook.test": ["message", "webhookId"],
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
        "message.created": #"{"message_id":"msg_1","conversation_id":"conv_1"}"#,
        "conversation.escalated": #"{"conversation_id":"conv_1"}"#,
        "conversation.ended": #"{"conversation":{"id":"conv_1","outcome":"resolved"}}"#,
        "lead.created": #"{"id":"lead_1"}"#,
        "lead.updated": #"{"id":"lead_1"}"#,
        "ticket.created": #"{"ticket_id":"tkt_1"}"#,
        "ticket.updated": #"{"ticket_id":"tkt_1"}"#,
        "webhook.test": #"{"message":"hello"}"#,
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
        ("message.created", #"{"message_id":"m","conversation_id":"c","is_from_admin":"false"}"#,
         .wrongType(path: "is_from_admin", expected: ["boolean"], found: "string")),
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

    // MARK: Examples

    @Test(arguments: typeNames)
    func exampleIsAnObjectThatValidates(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let example = try #require(try Self.jsonObject(type.example) as? [String: Any], "example of \(name) is not an object")
        #expect(!example.isEmpty)
        #expect(throws: Never.self) { try EventType.validate(data: Array(type.example.utf8), for: type) }
    }

    @Test(arguments: typeNames)
    func exampleCarriesEverySeedField(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let example = try Self.jsonObject(type.example)
        let fields = Self.fields(of: name)
        #expect(!fields.isEmpty, "no field list for \(name)")
        for (source, paths) in fields {
            for path in paths {
                #expect(Self.lookup(path, in: example) != nil, "\(name) example lacks \(path) (\(source))")
            }
        }
    }

    @Test func everyTypeHasItsFieldsOfRecord() {
        let covered = Set(Self.seedFields.keys).union(Self.decidedFields.keys)
        #expect(covered == Set(Self.typeNames))
        #expect(Set(Self.minimalData.keys) == Set(Self.typeNames))
    }

    // MARK: Schemas

    @Test(arguments: typeNames)
    func schemaIsADraft202012ObjectSchema(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let schema = try #require(try Self.jsonObject(type.schema) as? [String: Any], "schema of \(name) is not an object")
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["type"] as? String == "object")
        #expect(schema["additionalProperties"] as? Bool == true, "custom fields must be allowed")
        let properties = try #require(schema["properties"] as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        #expect(!required.isEmpty && required.count <= 2, "keep required small")
        #expect(required.allSatisfy { properties[$0] != nil }, "required members must be listed")
        Self.expectEveryPropertyTyped(schema, at: name)
    }

    @Test(arguments: typeNames)
    func schemaTypesEverySeedField(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let schema = try Self.jsonObject(type.schema)
        for (source, paths) in Self.fields(of: name) {
            for path in paths {
                #expect(Self.schemaNode(path, in: schema) != nil, "\(name) schema does not list \(path) (\(source))")
            }
        }
    }

    @Test func schemasAllowNullWhereTheSeedsShowNull() throws {
        for (name, members) in Self.seedNulls {
            let type = try #require(EventType.named(name))
            let minimal = try #require(Self.minimalData[name])
            for member in members {
                let data = String(minimal.dropLast()) + #","\#(member)":null}"#
                #expect(throws: Never.self, "\(name).\(member)") { try EventType.validate(data: Array(data.utf8), for: type) }
            }
        }
    }

    @Test func conversationOutcomesAreSeed000s() throws {
        let schema = try Self.jsonObject(try #require(EventType.named("conversation.ended")).schema)
        let outcome = try #require(Self.schemaNode("conversation.outcome", in: schema) as? [String: Any])
        #expect(outcome["enum"] as? [String] == ["lead_captured", "handoff_requested", "resolved", "abandoned"])
    }

    // MARK: GET /api/v1/event-types

    @Test func catalogueListsEveryTypeWithAliasesSchemaAndExample() throws {
        let bytes = EventType.catalogueJSON()
        let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let entries = try #require(catalogue["eventTypes"] as? [[String: Any]])
        #expect(catalogue["total"] as? Int == 10)
        #expect(entries.count == 10)
        #expect(entries.compactMap { $0["name"] as? String } == Self.typeNames)
        #expect(Set(catalogue.keys) == ["eventTypes", "total"])
        for (entry, type) in zip(entries, EventType.catalogue) {
            #expect(Set(entry.keys) == ["name", "aliases", "description", "schema", "example"])
            #expect(entry["aliases"] as? [String] == type.aliases)
            #expect(entry["description"] as? String == type.summary)
            let schema = try #require(entry["schema"] as? NSDictionary, "\(type.name) schema is not embedded as an object")
            let example = try #require(entry["example"] as? NSDictionary, "\(type.name) example is not embedded as an object")
            #expect(schema == (try Self.jsonObject(type.schema) as? NSDictionary))
            #expect(example == (try Self.jsonObject(type.example) as? NSDictionary))
        }
        #expect(entries.first { $0["name"] as? String == "lead.created" }?["aliases"] as? [String]
                == ["LEAD_CREATED", "NEW_LEAD_CAPTURE", "lead_created"])
    }

    @Test func catalogueIsCompactJSON() throws {
        let bytes = EventType.catalogueJSON()
        #expect(try DeliveryEnvelope.canonicalData(bytes) == bytes)
        #expect(!bytes.contains(UInt8(ascii: "\n")))
    }

    // MARK: validate

    @Test(arguments: typeNames)
    func validateRejectsNonObjects(_ name: String) throws {
        let type = try #require(EventType.named(name))
        for (data, found) in Self.nonObjects {
            #expect(throws: EventDataError.notAnObject(found: found), "\(data)") {
                try EventType.validate(data: Array(data.utf8), for: type)
            }
        }
    }

    @Test func validateRejectsMalformedJSON() throws {
        let type = try #require(EventType.named("lead.created"))
        for text in ["", "{", #"{"id":"l",}"#, "{'id':'l'}", #"{"id":"l"} x"#, #"{"n":12345678901234567890}"#] {
            let error = #expect(throws: EventDataError.self, "\(text)") {
                try EventType.validate(data: Array(text.utf8), for: type)
            }
            guard case .malformedJSON? = error else {
                Issue.record("\(text): expected malformedJSON, got \(String(describing: error))")
                continue
            }
            #expect(error?.field == "data")
        }
    }

    @Test func validateAcceptsMinimalAndPermissiveData() throws {
        for (name, data) in Self.minimalData.map({ ($0.key, $0.value) }) + Self.moreValidData {
            let type = try #require(EventType.named(name))
            #expect(throws: Never.self, "\(name): \(data)") { try EventType.validate(data: Array(data.utf8), for: type) }
        }
    }

    @Test func requiredMembersAreExactlyTheMinimalOnes() throws {
        for (name, minimal) in Self.minimalData {
            let type = try #require(EventType.named(name))
            let schema = try #require(try Self.jsonObject(type.schema) as? [String: Any])
            let object = try #require(try Self.jsonObject(minimal) as? [String: Any])
            #expect(Set(schema["required"] as? [String] ?? []) == Set(object.keys), "\(name)")
            for key in object.keys {
                let without = try JSONSerialization.data(withJSONObject: object.filter { $0.key != key })
                #expect(throws: EventDataError.missingField(path: key), "\(name) without \(key)") {
                    try EventType.validate(data: Array(without), for: type)
                }
            }
        }
    }

    @Test func validateRejectsMissingMembersAndWrongTypes() throws {
        for (name, data, expected) in Self.invalidData {
            let type = try #require(EventType.named(name))
            #expect(throws: expected, "\(name): \(data)") { try EventType.validate(data: Array(data.utf8), for: type) }
        }
    }

    @Test func validateReadsEscapedKeysAndStrings() throws {
        let ended = try #require(EventType.named("conversation.ended"))
        let escapedKeys = #"{"conv\u0065rsation":{"\u0069d":"c","outcome":"resol\u0076ed"}}"#
        #expect(throws: Never.self) { try EventType.validate(data: Array(escapedKeys.utf8), for: ended) }
        let test = try #require(EventType.named("webhook.test"))
        let strings = #"{"message":"q\"b\\s\/n\n\t\b\f\r\u0001 é 😀 \ud83d\ude00 \ud800 end","webhookId":"w"}"#
        #expect(throws: Never.self) { try EventType.validate(data: Array(strings.utf8), for: test) }
        let wrongAfterStrings = #"{"message":"a\"}\\","webhookId":["x"]}"#
        #expect(throws: EventDataError.wrongType(path: "webhookId", expected: ["string"], found: "array")) {
            try EventType.validate(data: Array(wrongAfterStrings.utf8), for: test)
        }
        let message = try #require(EventType.named("message.created"))
        let numbers = #"{"message_id":1e2,"conversation_id":-0,"sources":[],"is_from_admin":false,"n":[1.5e-7,{}]}"#
        #expect(throws: Never.self) { try EventType.validate(data: Array(numbers.utf8), for: message) }
    }

    @Test func errorsNameTheFieldForTheAPI() {
        #expect(EventDataError.missingField(path: "conversation.outcome").field == "data.conversation.outcome")
        #expect(EventDataError.notAnObject(found: "array").field == "data")
        #expect(EventDataError.notAnObject(found: "array").message == "must be a JSON object, not an array")
        #expect(EventDataError.wrongType(path: "user", expected: ["object", "null"], found: "string").message
                == "must be an object or null, not a string")
    }

    // MARK: Cross-check with the reference implementation

    /// Every schema is a valid draft 2020-12 schema to `jsonschema`, every example and valid sample passes
    /// `Draft202012Validator`, and every sample `validate` refuses is refused there too.
    @Test func referenceValidatorAgrees() throws {
        try #require(ExternalProgram.isAvailable("python3"), "python3 is required (apt-get install python3; pip install jsonschema)")
        var cases: [(name: String, type: String, instance: String, valid: Bool)] = []
        for type in EventType.catalogue {
            cases.append(("\(type.name) example", type.name, type.example, true))
            cases.append(("\(type.name) minimal", type.name, Self.minimalData[type.name] ?? "{}", true))
            for (index, sample) in Self.nonObjects.enumerated() {
                cases.append(("\(type.name) non-object \(index)", type.name, sample.data, false))
            }
        }
        for (index, sample) in Self.moreValidData.enumerated() {
            cases.append(("valid \(index) \(sample.type)", sample.type, sample.data, true))
        }
        for (index, sample) in Self.invalidData.enumerated() {
            cases.append(("invalid \(index) \(sample.type)", sample.type, sample.data, false))
        }

        var document = #"{"schemas":{"#
        document += EventType.catalogue.map { "\(Self.quoted($0.name)):\($0.schema)" }.joined(separator: ",")
        document += #"},"cases":["#
        document += cases.map { #"{"name":\#(Self.quoted($0.name)),"type":\#(Self.quoted($0.type)),"instance":\#($0.instance)}"# }
            .joined(separator: ",")
        document += "]}"

        let folder = try ExternalProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let casesFile = folder.appendingPathComponent("cases.json")
        let resultsFile = folder.appendingPathComponent("results.json")
        try Data(document.utf8).write(to: casesFile)
        let script = ExternalProgram.verifiersFolder.appendingPathComponent("validate_event_schemas.py").path
        let run = try ExternalProgram.run("python3", [script, casesFile.path, resultsFile.path],
                                          environment: ["PYTHONDONTWRITEBYTECODE": "1"])
        try #require(run.status == 0, "jsonschema check failed to run: \(run.standardError)")

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: resultsFile)) as? [String: Bool])
        #expect(Set(results.keys) == Set(cases.map(\.name)))
        for testCase in cases where results[testCase.name] != testCase.valid {
            let reasons = run.standardError.split(separator: "\n").filter { $0.hasPrefix("\(testCase.name): ") }
            Issue.record("""
                jsonschema finds "\(testCase.name)" \(testCase.valid ? "invalid" : "valid"), expected the opposite: \
                \(testCase.instance) \(reasons.joined(separator: "; "))
                """)
        }
    }

    // MARK: Helpers

    /// The seed and decided field lists of `name`, by source.
    static func fields(of name: String) -> [(String, [String])] {
        var fields = (seedFields[name] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        if let decided = decidedFields[name] { fields.append(("decided", decided)) }
        return fields
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
