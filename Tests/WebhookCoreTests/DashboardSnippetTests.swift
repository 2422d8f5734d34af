import Foundation
import Testing
import WebhookCore

/// The verification code the dashboard shows beside a new secret (`Sources/Dashboard/Assets/js/secret.js`), run by
/// Node as the page writes it over every scheme's receiver cases: it accepts our genuine deliveries and refuses
/// forgeries. It checks every signature a header carries, so during a rotation it accepts a receiver that still
/// holds the previous secret where the scheme sends both in one header (`standard`, `timestamped`); it signs the raw
/// body, so seed 003's re-serialisation case verifies.
@Suite struct DashboardSnippetTests {
    static let secretModule = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Sources/Dashboard/Assets/js/secret.js").standardizedFileURL

    @Test(arguments: SignatureScheme.allCases)
    func theSnippetOnThePageVerifiesDeliveriesAndRefusesForgeries(_ scheme: SignatureScheme) throws {
        try #require(ExternalProgram.isAvailable("node"), "node is required (apt-get install nodejs)")
        let prefix = "X-Webhook"
        let secret = WebhookSecret.generate(for: scheme)
        let cases = try ReceiverCase.cases(scheme: scheme, prefix: prefix, secret: secret)
        let folder = try ExternalProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReceiverCase.write(cases, to: folder.appendingPathComponent("cases"))
        let resultsFile = folder.appendingPathComponent("results.json")

        let run = try ExternalProgram.run("node", [
            "--experimental-default-type=module",
            ExternalProgram.verifiersFolder.appendingPathComponent("dashboard_snippet.mjs").path,
            Self.secretModule.path, folder.appendingPathComponent("cases").path, scheme.rawValue,
            scheme.securityDescription(headerPrefix: prefix).headerName, resultsFile.path,
        ])
        try #require(run.status == 0, "the snippet failed to run: \(run.standardError)")

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: resultsFile)) as? [String: Bool])
        let expected = Dictionary(uniqueKeysWithValues: cases.map { item in
            switch item.name {
            case "rotation-receiver-has-previous":
                (item.name, scheme == .standard || scheme == .timestamped || scheme == .standardEd25519)
            case "data-not-canonicalised": (item.name, true)
            default: (item.name, item.shouldAccept)
            }
        })
        #expect(results == expected)
    }
}
