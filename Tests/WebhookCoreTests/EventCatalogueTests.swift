import Foundation
import Testing
import WebhookCore

/// The event catalogue's documentation: every type's `data` schema and example, and `GET /api/v1/event-types`.
@Suite struct EventCatalogueTests {
    // MARK: Examples

    @Test(arguments: CatalogueRecord.typeNames)
    func exampleIsAnObjectThatValidates(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let example = try #require(try CatalogueRecord.jsonObject(CatalogueRecord.example(of: type)) as? [String: Any], "example of \(name) is not an object")
        #expect(!example.isEmpty)
        #expect(throws: Never.self) { try EventType.validate(data: Array(CatalogueRecord.example(of: type).utf8), for: type) }
    }

    /// One canonical example carries enough for every format: its body in each seed's format carries every field
    /// that seed's document shows for the event.
    @Test(arguments: CatalogueRecord.typeNames)
    func exampleInEachSeedsFormatCarriesEverySeedField(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let fields = CatalogueRecord.fields(of: name)
        #expect(!fields.isEmpty, "no field list for \(name)")
        for (source, format, paths) in fields {
            let data = try #require(try CatalogueRecord.formatExampleData(of: type, in: format), "\(name) has no \(format) body")
            for path in paths {
                #expect(CatalogueRecord.lookup(path, in: data) != nil, "\(name) \(format) example lacks \(path) (\(source))")
            }
        }
    }

    @Test func everyTypeHasItsFieldsOfRecord() {
        let covered = Set(CatalogueRecord.seedFields.keys).union(CatalogueRecord.decidedFields.keys)
        #expect(covered == Set(CatalogueRecord.typeNames))
        #expect(Set(CatalogueRecord.minimalData.keys) == Set(CatalogueRecord.typeNames))
    }

    // MARK: Schemas

    @Test(arguments: CatalogueRecord.typeNames)
    func schemaIsADraft202012ObjectSchema(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let schema = try #require(try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: type)) as? [String: Any], "schema of \(name) is not an object")
        #expect(schema["$schema"] as? String == "https://json-schema.org/draft/2020-12/schema")
        #expect(schema["type"] as? String == "object")
        #expect(schema["additionalProperties"] as? Bool == true, "custom fields must be allowed")
        let properties = try #require(schema["properties"] as? [String: Any])
        let required = try #require(schema["required"] as? [String])
        #expect(!required.isEmpty && required.count <= 2, "keep required small")
        #expect(required.allSatisfy { properties[$0] != nil }, "required members must be listed")
        CatalogueRecord.expectEveryPropertyTyped(schema, at: name)
    }

    @Test(arguments: CatalogueRecord.typeNames)
    func schemaListsEveryMemberOfTheExample(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let schema = try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: type))
        let example = try #require(try CatalogueRecord.jsonObject(CatalogueRecord.example(of: type)) as? [String: Any])
        for key in example.keys {
            #expect(CatalogueRecord.schemaNode(key, in: schema) != nil, "\(name) schema does not list \(key)")
        }
    }

    /// Each fact once: the names formats derive are not canonical members.
    @Test func canonicalShapesDoNotRepeatWhatFormatsDerive() throws {
        let derived: [String: [String]] = [
            "lead.created": ["leadDetails", "chatbotId", "capturedAt"],
            "message.created": ["content", "question", "answer", "threadId", "is_from_admin", "admin_name", "chatbotId"],
            "conversation.escalated": ["threadId", "chatbotId", "visitor_name", "visitor_email"],
            "conversation.ended": ["conversation_id", "status", "closed_at"],
        ]
        for (name, members) in derived {
            let schema = try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: try #require(EventType.named(name))))
            for member in members {
                #expect(CatalogueRecord.schemaNode(member, in: schema) == nil, "\(name) schema lists \(member)")
            }
        }
    }

    @Test func schemasAllowNullWhereTheSeedsShowNull() throws {
        for (name, members) in CatalogueRecord.seedNulls {
            let type = try #require(EventType.named(name))
            let minimal = try #require(CatalogueRecord.minimalData[name])
            for member in members {
                let data = String(minimal.dropLast()) + #","\#(member)":null}"#
                #expect(throws: Never.self, "\(name).\(member)") { try EventType.validate(data: Array(data.utf8), for: type) }
            }
        }
    }

    @Test func conversationOutcomesAreSeed000s() throws {
        let schema = try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: try #require(EventType.named("conversation.ended"))))
        let outcome = try #require(CatalogueRecord.schemaNode("conversation.outcome", in: schema) as? [String: Any])
        #expect(outcome["enum"] as? [String] == ["lead_captured", "handoff_requested", "resolved", "abandoned"])
    }

    // MARK: GET /api/v1/event-types

    @Test func catalogueListsEveryTypeWithAliasesSchemaAndExample() throws {
        let bytes = EventType.catalogueJSON()
        let catalogue = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
        let entries = try #require(catalogue["eventTypes"] as? [[String: Any]])
        #expect(catalogue["total"] as? Int == 12)
        #expect(entries.count == 12)
        #expect(entries.compactMap { $0["name"] as? String } == CatalogueRecord.typeNames)
        #expect(Set(catalogue.keys) == ["eventTypes", "total"])
        for (entry, type) in zip(entries, EventType.catalogue) {
            #expect(Set(entry.keys) == ["name", "aliases", "description", "schema", "example", "formats"])
            let formats = try #require(entry["formats"] as? [String: [String: Any]])
            #expect(Array(formats.keys).sorted() == type.formats.map(\.format.rawValue).sorted())
            for (format, name, exampleBody) in type.formats {
                #expect(formats[format.rawValue]?["name"] as? String == name)
                #expect(formats[format.rawValue]?["example"] as? NSDictionary
                        == (try JSONSerialization.jsonObject(with: Data(exampleBody)) as? NSDictionary))
            }
            #expect(entry["aliases"] as? [String] == type.aliases)
            #expect(entry["description"] as? String == type.summary)
            let schema = try #require(entry["schema"] as? NSDictionary, "\(type.name) schema is not embedded as an object")
            let example = try #require(entry["example"] as? NSDictionary, "\(type.name) example is not embedded as an object")
            #expect(CatalogueRecord.served[type.name] != nil, "\(type.name) schema and example not found in the rendering")
            #expect(schema == (try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: type)) as? NSDictionary))
            #expect(example == (try CatalogueRecord.jsonObject(CatalogueRecord.example(of: type)) as? NSDictionary))
        }
        #expect(entries.first { $0["name"] as? String == "lead.created" }?["aliases"] as? [String]
                == ["LEAD_CREATED", "NEW_LEAD_CAPTURE", "lead_created"])
    }

    /// The answer byte for byte as checked in (Golden/event-types.json), so a change to the catalogue's data or its
    /// rendering shows in review as a change to the API's bytes; update the file only on purpose.
    @Test func catalogueIsTheCheckedInDocument() throws {
        let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("Golden/event-types.json")
        let served = EventType.catalogueJSON()
        let matches = served == Array(try Data(contentsOf: golden))
        if !matches {
            // For review: the bytes served now, to compare with (or, on purpose, copy over) the checked-in file.
            try Data(served).write(to: FileManager.default.temporaryDirectory.appendingPathComponent("event-types.json"))
        }
        #expect(matches, "differs from Golden/event-types.json; the bytes served are in $TMPDIR/event-types.json")
    }

    @Test func catalogueIsCompactJSON() throws {
        let bytes = EventType.catalogueJSON()
        #expect(try DeliveryEnvelope.canonicalData(bytes) == bytes)
        #expect(!bytes.contains(UInt8(ascii: "\n")))
    }
}
