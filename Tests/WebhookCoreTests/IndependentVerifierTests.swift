import Foundation
import Testing
import WebhookCore

/// Our deliveries, checked by receivers we did not write: each seed's verification code run as the seed writes
/// it (Node and Python), and the reference Standard Webhooks library.
@Suite struct IndependentVerifierTests {
    @Test(arguments: SeedVerifier.all)
    func receiverAcceptsGenuineDeliveriesAndRejectsForgeries(_ verifier: SeedVerifier) throws {
        try #require(ExternalProgram.isAvailable(verifier.tool),
                     "\(verifier.tool) is required (apt-get install nodejs python3; pip install standardwebhooks flask)")
        let secret = try verifier.fixedSecret.map { try WebhookSecret(validating: $0, for: verifier.scheme) }
            ?? WebhookSecret.generate(for: verifier.scheme)
        let cases = try ReceiverCase.cases(scheme: verifier.scheme, prefix: verifier.headerPrefix, secret: secret)
        let folder = try ExternalProgram.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try ReceiverCase.write(cases, to: folder.appendingPathComponent("cases"))
        let resultsFile = folder.appendingPathComponent("results.json")

        let run = try ExternalProgram.run(
            verifier.tool, verifier.arguments(folder.appendingPathComponent("cases").path, resultsFile.path),
            environment: [
                "NODE_PATH": ExternalProgram.verifiersFolder.appendingPathComponent("node_shims").path,
                "PYTHONDONTWRITEBYTECODE": "1",
            ]
        )
        try #require(run.status == 0, "\(verifier.name) failed to run: \(run.standardError)")

        let results = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: resultsFile)) as? [String: Bool])
        let expected = Dictionary(uniqueKeysWithValues: cases.map { ($0.name, $0.shouldAccept) })
        #expect(results == expected, "receiver log: \(run.standardError)")
    }

    @Test func everySchemeHasAnIndependentVerifier() {
        #expect(Set(SeedVerifier.all.map(\.scheme)) == Set(SignatureScheme.allCases))
    }
}
