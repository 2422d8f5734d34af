import Foundation
import Testing
import WebhookCore

/// `EventType.validate(data:for:)`, the check publishing makes of a producer's `data` against its type's schema.
@Suite struct EventDataValidationTests {
    @Test(arguments: CatalogueRecord.typeNames)
    func validateRejectsNonObjects(_ name: String) throws {
        let type = try #require(EventType.named(name))
        for (data, found) in CatalogueRecord.nonObjects {
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
        for (name, data) in CatalogueRecord.minimalData.map({ ($0.key, $0.value) }) + CatalogueRecord.moreValidData {
            let type = try #require(EventType.named(name))
            #expect(throws: Never.self, "\(name): \(data)") { try EventType.validate(data: Array(data.utf8), for: type) }
        }
    }

    @Test func requiredMembersAreExactlyTheMinimalOnes() throws {
        for (name, minimal) in CatalogueRecord.minimalData {
            let type = try #require(EventType.named(name))
            let schema = try #require(try CatalogueRecord.jsonObject(CatalogueRecord.schema(of: type)) as? [String: Any])
            let object = try #require(try CatalogueRecord.jsonObject(minimal) as? [String: Any])
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
        for (name, data, expected) in CatalogueRecord.invalidData {
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
            cases.append(("\(type.name) example", type.name, CatalogueRecord.example(of: type), true))
            cases.append(("\(type.name) minimal", type.name, CatalogueRecord.minimalData[type.name] ?? "{}", true))
            for (index, sample) in CatalogueRecord.nonObjects.enumerated() {
                cases.append(("\(type.name) non-object \(index)", type.name, sample.data, false))
            }
        }
        for (index, sample) in CatalogueRecord.moreValidData.enumerated() {
            cases.append(("valid \(index) \(sample.type)", sample.type, sample.data, true))
        }
        for (index, sample) in CatalogueRecord.invalidData.enumerated() {
            cases.append(("invalid \(index) \(sample.type)", sample.type, sample.data, false))
        }

        var document = #"{"schemas":{"#
        document += EventType.catalogue.map { "\(CatalogueRecord.quoted($0.name)):\(CatalogueRecord.schema(of: $0))" }.joined(separator: ",")
        document += #"},"cases":["#
        document += cases.map { #"{"name":\#(CatalogueRecord.quoted($0.name)),"type":\#(CatalogueRecord.quoted($0.type)),"instance":\#($0.instance)}"# }
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
}
