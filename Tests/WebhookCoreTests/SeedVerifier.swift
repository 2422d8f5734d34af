import Testing
import WebhookCore

/// A receiver written from a seed's docs (or the reference library), and how to run it on a folder of cases.
struct SeedVerifier: Sendable, CustomTestStringConvertible {
    let name: String
    let scheme: SignatureScheme
    let headerPrefix: String
    /// The receiver's configured secret; `nil` means a freshly generated one.
    let fixedSecret: String?
    let tool: String
    let arguments: @Sendable (_ cases: String, _ results: String) -> [String]

    var testDescription: String { name }

    private static func script(_ file: String) -> String {
        ExternalProgram.verifiersFolder.appendingPathComponent(file).path
    }

    private static func express(_ seed: String, route: String, secretVariable: String) -> @Sendable (String, String) -> [String] {
        { [script("run_express_seed.js"), script(seed), route, secretVariable, $0, $1] }
    }

    private static func flask(_ seed: String, route: String, secretVariable: String) -> @Sendable (String, String) -> [String] {
        { [script("run_flask_seed.py"), script(seed), route, secretVariable, $0, $1] }
    }

    /// Every receiver of every scheme: the seeds' code as they write it, and Standard Webhooks' Python library.
    static let all: [SeedVerifier] = [
        SeedVerifier(name: "standardwebhooks (Python)", scheme: .standard, headerPrefix: "X-Webhook", fixedSecret: nil,
                     tool: "python3", arguments: { [script("verify_standard_webhooks.py"), $0, $1] }),
        // standard-ed25519: v1a checked with Python's `cryptography` alone, the receiver holding the whpk_ key.
        SeedVerifier(name: "ed25519 v1a (Python cryptography)", scheme: .standardEd25519, headerPrefix: "X-Webhook",
                     fixedSecret: nil, tool: "python3", arguments: { [script("verify_ed25519.py"), $0, $1] }),
        SeedVerifier(name: "seed 000 Express", scheme: .token, headerPrefix: "X-Webhook", fixedSecret: nil, tool: "node",
                     arguments: express("seed000_node.js", route: "/webhook", secretVariable: "SUPPABOT_WEBHOOK_SECRET")),
        SeedVerifier(name: "seed 000 Flask", scheme: .token, headerPrefix: "X-Webhook", fixedSecret: nil, tool: "python3",
                     arguments: flask("seed000_flask.py", route: "/webhook", secretVariable: "SUPPABOT_WEBHOOK_SECRET")),
        SeedVerifier(name: "seed 001 Express", scheme: .token, headerPrefix: "X-Webhook", fixedSecret: nil, tool: "node",
                     arguments: express("seed001_node.js", route: "/webhooks/messages", secretVariable: "SITEGPT_MESSAGE_TOKEN")),
        SeedVerifier(name: "seed 001 Flask", scheme: .token, headerPrefix: "X-Webhook", fixedSecret: nil, tool: "python3",
                     arguments: flask("seed001_flask.py", route: "/webhooks/messages", secretVariable: "SITEGPT_MESSAGE_TOKEN")),
        SeedVerifier(name: "seed 002 verifySignature (Node)", scheme: .hmacSHA256, headerPrefix: "X-Webhook",
                     fixedSecret: nil, tool: "node",
                     arguments: { [script("run_function_seed.mjs"), "seed002", $0, $1] }),
        SeedVerifier(name: "seed 003 verify(req) (Node)", scheme: .timestamped, headerPrefix: "X-Agentbot",
                     fixedSecret: nil, tool: "node",
                     arguments: { [script("run_function_seed.mjs"), "seed003", $0, $1] }),
        SeedVerifier(name: "seed 004 Express", scheme: .hmacSHA256Prefixed, headerPrefix: "X-Webhook", fixedSecret: nil,
                     tool: "node",
                     arguments: express("seed004_node.js", route: "/webhooks/pollybot", secretVariable: "POLLYBOT_WEBHOOK_SECRET")),
        // Seed 004's Flask app hard-codes secret = 'your-webhook-secret'.
        SeedVerifier(name: "seed 004 Flask", scheme: .hmacSHA256Prefixed, headerPrefix: "X-Webhook",
                     fixedSecret: "your-webhook-secret", tool: "python3",
                     arguments: flask("seed004_flask.py", route: "/webhook", secretVariable: "-")),
    ]
}
