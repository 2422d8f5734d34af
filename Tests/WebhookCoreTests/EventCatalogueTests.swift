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

    @Test(arguments: CatalogueRecord.typeNames)
    func exampleCarriesEverySeedField(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let example = try CatalogueRecord.jsonObject(CatalogueRecord.example(of: type))
        let fields = CatalogueRecord.fields(of: name)
        #expect(!fields.isEmpty, "no field list for \(name)")
        for (source, paths) in fields {
            for path in paths {
                #expect(CatalogueRecord.lookup(path, in: example) != nil, "\(name) example lacks \(path) (\(source))")
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
    func schemaTypesEverySeedField(_ name: String) throws {
        let type = try #require(EventType.named(name))
        let schema = try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: type))
        for (source, paths) in CatalogueRecord.fields(of: name) {
            for path in paths {
                #expect(CatalogueRecord.schemaNode(path, in: schema) != nil, "\(name) schema does not list \(path) (\(source))")
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
        #expect(catalogue["total"] as? Int == 10)
        #expect(entries.count == 10)
        #expect(entries.compactMap { $0["name"] as? String } == CatalogueRecord.typeNames)
        #expect(Set(catalogue.keys) == ["eventTypes", "total"])
        for (entry, type) in zip(entries, EventType.catalogue) {
            #expect(Set(entry.keys) == ["name", "aliases", "description", "schema", "example"])
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
        #expect(EventType.catalogueJSON() == Array(try Data(contentsOf: golden)))
    }

    @Test func catalogueIsCompactJSON() throws {
        let bytes = EventType.catalogueJSON()
        #expect(try DeliveryEnvelope.canonicalData(bytes) == bytes)
        #expect(!bytes.contains(UInt8(ascii: "\n")))
    }
}
