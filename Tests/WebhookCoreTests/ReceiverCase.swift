import Foundation
import Testing
import WebhookCore

/// One signed request as a receiver gets it, plus the secret the receiver is configured with and whether it
/// should accept it; written to disk for the verifier scripts (layout in Verifiers/cases.js).
struct ReceiverCase {
    let name: String
    let headers: [(String, String)]
    let body: [UInt8]
    let receiverSecret: String
    let shouldAccept: Bool

    /// The event `data` the fixtures send, as a producer might write it (whitespace, escapes, duplicate keys):
    /// slashes, accents, emoji, newlines, `</script>`, quotes, backslashes, U+2028, nesting and numbers.
    static let hardData = #"""
        { "url": "https:\/\/example.com/a/b?x=1&y=2",
          "name": "Zo\u00eb é", "emoji": "😀 \ud83d\ude80", "text": "line1\nline2\r\n\ttab",
          "html": "</script><script>alert(\"x\")</script>", "quotes": "\"double\" 'single' back\\slash",
          "separator": "a\u2028b\u2029c", "control": "\u0001\u001f\u007f", "lone": "\ud800",
          "nested": { "list": [1, -2, 1.5, 1e21, 0.1, -0, 1E+2, 9007199254740991, true, false, null,
                               { "deep": [[["x"]]] }] },
          "10": "index key", "2": "another index key", "dup": 1, "dup": 2 }
        """#

    /// The delivery body every case starts from: `hardData` canonicalised into the envelope.
    static func body() throws -> [UInt8] {
        DeliveryEnvelope.body(
            deliveryId: "dlv_01JH5Q8ZK3", eventType: "lead.created",
            timestamp: Date(timeIntervalSince1970: 1_736_937_000.123), chatbotId: "bot_tamper_target",
            dataJSON: try DeliveryEnvelope.canonicalData(Array(hardData.utf8))
        )
    }

    /// All headers of one attempt: the standard ones, then the scheme's signature headers signed now.
    static func headers(
        scheme: SignatureScheme, prefix: String, body: [UInt8], secrets: [WebhookSecret]
    ) -> [(String, String)] {
        DeliveryHeaders.standard(
            prefix: prefix, eventType: "lead.created", deliveryId: "dlv_01JH5Q8ZK3",
            timestamp: Date(timeIntervalSince1970: 1_736_937_000.123), attempt: 1, isTest: false,
            userAgent: "Webhooks/1.0"
        ) + scheme.signatureHeaders(
            deliveryId: "dlv_01JH5Q8ZK3", timestamp: Date(), body: body, secrets: secrets, headerPrefix: prefix
        )
    }

    /// The cases every verifier of `scheme` gets, for a receiver holding `secret`:
    /// a genuine delivery, one signed during a rotation (newest first), a tampered body, a wrong secret,
    /// a delivery whose newest secret the receiver does not have yet, for timestamped schemes a tampered
    /// timestamp, and for `timestamped` a body whose `data` skipped `canonicalData` (seed 003 re-serialises).
    static func cases(scheme: SignatureScheme, prefix: String, secret: WebhookSecret) throws -> [ReceiverCase] {
        let body = try body()
        let other = WebhookSecret.generate(for: scheme)
        // A `standard-ed25519` receiver holds the public key only.
        let receiverSecret = secret.publicKey ?? secret.text
        func make(_ name: String, _ secrets: [WebhookSecret], body: [UInt8] = body, accept: Bool,
                  editHeaders: ([(String, String)]) -> [(String, String)] = { $0 }) -> ReceiverCase {
            ReceiverCase(name: name, headers: editHeaders(headers(scheme: scheme, prefix: prefix, body: body, secrets: secrets)),
                         body: body, receiverSecret: receiverSecret, shouldAccept: accept)
        }
        var tampered = body
        let marker = Array("bot_tamper_target".utf8)
        let index = try #require(body.indices.first { body[$0...].starts(with: marker) })
        tampered[index] = UInt8(ascii: "c")
        var cases = [
            make("genuine", [secret], accept: true),
            make("rotation-receiver-has-newest", [secret, other], accept: true),
            // A token authenticates the sender, not the content: token receivers cannot notice a changed body.
            ReceiverCase(name: "tampered-body", headers: headers(scheme: scheme, prefix: prefix, body: body, secrets: [secret]),
                         body: tampered, receiverSecret: receiverSecret, shouldAccept: scheme == .token),
            make("wrong-secret", [other], accept: false),
            make("rotation-receiver-has-previous", [other, secret], accept: scheme == .standard || scheme == .standardEd25519),
        ]
        if scheme == .standard || scheme == .timestamped || scheme == .standardEd25519 {
            cases.append(make("tampered-timestamp", [secret], accept: false, editHeaders: shiftTimestamp))
        }
        if scheme == .timestamped {
            // Seed 003 signs JSON.stringify(JSON.parse(body)): data left as the producer wrote it cannot verify.
            let verbatim = DeliveryEnvelope.body(
                deliveryId: "dlv_01JH5Q8ZK3", eventType: "lead.created",
                timestamp: Date(timeIntervalSince1970: 1_736_937_000.123), chatbotId: "bot_tamper_target",
                dataJSON: Array(hardData.utf8))
            cases.append(make("data-not-canonicalised", [secret], body: verbatim, accept: false))
        }
        return cases
    }

    /// Moves the signed Unix timestamp back by one second, keeping the signature.
    private static func shiftTimestamp(_ headers: [(String, String)]) -> [(String, String)] {
        headers.map { name, value in
            if name == "webhook-timestamp", let seconds = Int(value) {
                return (name, String(seconds - 1))
            }
            if name.hasSuffix("-Signature"), value.hasPrefix("t="),
               let comma = value.firstIndex(of: ","), let seconds = Int(value[value.index(value.startIndex, offsetBy: 2)..<comma]) {
                return (name, "t=\(seconds - 1)" + value[comma...])
            }
            return (name, value)
        }
    }

    /// Writes `cases` under `folder`, one subfolder each, for the scripts in Verifiers/.
    static func write(_ cases: [ReceiverCase], to folder: URL) throws {
        for receiverCase in cases {
            let caseFolder = folder.appendingPathComponent(receiverCase.name)
            try FileManager.default.createDirectory(at: caseFolder, withIntermediateDirectories: true)
            try Data(receiverCase.body).write(to: caseFolder.appendingPathComponent("body"))
            let pairs = receiverCase.headers.map { [$0.0, $0.1] }
            try JSONSerialization.data(withJSONObject: pairs).write(to: caseFolder.appendingPathComponent("headers.json"))
            try Data(receiverCase.receiverSecret.utf8).write(to: caseFolder.appendingPathComponent("secret"))
        }
    }
}
