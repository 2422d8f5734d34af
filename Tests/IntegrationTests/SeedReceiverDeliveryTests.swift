import Foundation
import Testing
import TestSupport

/// Real deliveries from `webhooksd serve`, over HTTP on loopback, to receivers we did not write: for every signature
/// scheme, the seeds' own verification code run as the seeds write it (the Flask seeds on Flask's own server, the
/// Express seeds through the `node_shims/express` stand-in's `app.listen` on Node's `http` module, the function
/// seeds behind a small Node `http` server), and the `standardwebhooks` Python package for `standard`. The event's
/// data carries `/`, `é`, an emoji, a newline and `</script>`. The harnesses are in `Receivers/`; the seed files
/// are the ones in `Tests/WebhookCoreTests/Verifiers/`, unedited.
@Suite struct SeedReceiverDeliveryTests {
    /// The event data every delivery carries; `probe` is the value a tampered copy changes one byte of.
    static let data: [String: String] = [
        "id": "lead_789",
        "name": "Zoë Ångström, café 😀",
        "message": "line one\nline two </script><script>alert(1)</script>",
        "website": "https://example.com/pricing/enterprise",
        "probe": "tamper-me",
    ]

    /// One event to every receiver of a deployment: each verifies and answers 200, the log shows `succeeded`, and
    /// each rejects a tampered copy sent by the test.
    @Test(arguments: Deployment.all)
    func eachSchemeVerifiesAtTheSeedsOwnReceiverOverHTTP(_ deployment: Deployment) throws {
        try Tools.requireAll(for: deployment.receivers)
        let service = try RunningService(extra: ["WEBHOOKS_HEADER_PREFIX": deployment.headerPrefix])
        let api = try DemoAPI(service)
        let running = try deployment.receivers.map { try api.startReceiver($0) }
        try running.forEach { try $0.process.waitUntilListening() }

        let queued = try api.publish(Self.data)
        #expect(queued == running.count)
        let deadline = Date().addingTimeInterval(20)
        for receiver in running {
            try checkVerifiedDelivery(receiver, api: api, deadline: deadline)
            try checkTamperedCopyIsRejected(receiver)
        }
    }

    /// Standard Webhooks is the one scheme whose seed-independent verifier can take several signatures, so a
    /// receiver still holding the old secret keeps verifying during the grace period. The seeds' verifiers cannot:
    /// seed 003 (`timestamped`) reads only the first `v1=`, which is the newest secret's; seeds 002 and 004 read only
    /// `X-Webhook-Signature` (the newest), not `X-Webhook-Signature-Previous`; and a `token` is the newest secret
    /// itself. Those receivers must switch to the new secret, so they get no old-secret case here.
    @Test func duringARotationAStandardReceiverWithTheOldSecretStillVerifies() throws {
        try Tools.requireAll(for: [LiveReceiver.standard])
        let service = try RunningService()
        let api = try DemoAPI(service)
        let receiver = try api.startReceiver(.standard)
        try receiver.process.waitUntilListening()
        let rotated = try service.request("POST", api.webhookPath(receiver.webhookId) + "/rotate-secret", token: api.session)
        try #require(rotated.status == 200, "rotate-secret: \(rotated.text)")
        let webhook = try #require(rotated.json?["webhook"] as? [String: Any])
        #expect(webhook["secret"] as? String != receiver.secret, "rotation must issue a new secret")
        #expect(webhook["previousSecretExpiresAt"] is String)

        #expect(try api.publish(Self.data) == 1)
        let record = try checkVerifiedDelivery(receiver, api: api, deadline: Date().addingTimeInterval(20))
        // Both signatures travel, newest first: alone, the first (new secret) fails here, the second (old) passes.
        let signatures = (record.headers["webhook-signature"] ?? "").split(separator: " ").map(String.init)
        #expect(signatures.count == 2, "webhook-signature: \(signatures)")
        if signatures.count == 2 {
            var headers = record.headers
            headers["webhook-signature"] = signatures[0]
            #expect(try receiver.process.post(headers: headers, body: record.body) == 401)
            headers["webhook-signature"] = signatures[1]
            #expect(try receiver.process.post(headers: headers, body: record.body) == 200)
        }
        try checkTamperedCopyIsRejected(receiver)
    }

    /// Waits for the receiver's first delivery and checks it verified, carried the event intact, and is logged as
    /// `succeeded` under the delivery id the receiver saw; returns what the receiver recorded.
    @discardableResult
    func checkVerifiedDelivery(_ receiver: StartedReceiver, api: DemoAPI, deadline: Date) throws -> ReceivedRequest {
        let name = receiver.definition.name
        let record = try #require(receiver.process.firstDelivery(before: deadline),
                                  "\(name) got no delivery; its output: \(receiver.process.output)")
        #expect(record.verdict == "verified", "\(name) answered \(record.status); its output: \(receiver.process.output)")
        let deliveryId = try #require(record.deliveryId, "\(name): no delivery id header")
        #expect(record.payload?["id"] as? String == deliveryId, "\(name)")
        #expect(record.payload?["event"] as? String == "lead.created", "\(name)")
        #expect(record.payload?["chatbotId"] as? String == api.chatbotId, "\(name)")
        #expect(record.payload?["data"] as? [String: String] == Self.data, "\(name) parsed other data")
        #expect(String(decoding: record.body, as: UTF8.self).contains(#""website":"https://example.com/pricing/enterprise""#),
                "\(name): slashes must travel unescaped")

        let delivery = api.latestDelivery(of: receiver.webhookId, until: "succeeded", before: deadline)
        #expect(delivery?["status"] as? String == "succeeded", "\(name): \(String(describing: delivery))")
        #expect(delivery?["id"] as? String == deliveryId, "\(name)")
        return record
    }

    /// Replays the receiver's first delivery to it, as received (accepted), then with one byte changed (rejected):
    /// a body byte for the signing schemes; for `token`, whose receivers compare a header with their secret and
    /// cannot notice a changed body, a byte of the token headers.
    func checkTamperedCopyIsRejected(_ receiver: StartedReceiver) throws {
        let name = receiver.definition.name
        let record = try #require(receiver.process.records.first { $0.deliveryId != nil }, "\(name) got no delivery")
        #expect(try receiver.process.post(headers: record.headers, body: record.body) == 200,
                "\(name) rejected an unchanged replay; its output: \(receiver.process.output)")
        var headers = record.headers
        var body = record.body
        if receiver.definition.scheme == "token" {
            for (header, value) in record.headers where header.hasSuffix("-secret") || header.hasSuffix("-token") {
                headers[header] = String(value.dropLast()) + (value.hasSuffix("x") ? "y" : "x")
            }
        } else {
            let marker = Array("tamper-me".utf8)
            let index = try #require(body.indices.first { body[$0...].starts(with: marker) }, "\(name): no probe in body")
            body[index] = UInt8(ascii: "T")
        }
        #expect(try receiver.process.post(headers: headers, body: body) == 401, "\(name) accepted a tampered copy")
        #expect(receiver.process.records.last?.verdict == "rejected", "\(name)")
    }
}

/// One `webhooksd` deployment (a header prefix) and the receivers its deliveries go to.
struct Deployment: Sendable, CustomTestStringConvertible {
    /// The test case's name.
    let name: String
    /// `WEBHOOKS_HEADER_PREFIX`: seed 003 reads `X-Agentbot-Signature`, the other seeds `X-Webhook-...`.
    let headerPrefix: String
    /// One webhook each, all subscribed to `lead.*`.
    let receivers: [LiveReceiver]

    var testDescription: String { name }

    /// Grouped by tool, so a missing Node or Flask skips only the receivers that need it.
    static let all = [
        Deployment(name: "X-Webhook: standardwebhooks and the Flask seeds 000, 001, 004", headerPrefix: "X-Webhook",
                   receivers: [.standard, .seed000Flask, .seed001Flask, .seed004Flask]),
        Deployment(name: "X-Webhook: the Node seeds 000, 001, 002, 004", headerPrefix: "X-Webhook",
                   receivers: [.seed000Express, .seed001Express, .seed002Function, .seed004Express]),
        Deployment(name: "X-Agentbot: the Node seed 003", headerPrefix: "X-Agentbot", receivers: [.seed003Function]),
    ]
}

/// A receiver we did not write, served over HTTP by a harness in `Tests/IntegrationTests/Receivers/`.
struct LiveReceiver: Sendable {
    /// A label for messages, e.g. "seed 004 Flask".
    let name: String
    /// The webhook's `signatureScheme`.
    let scheme: String
    /// The interpreter: `node` or `python3`.
    let tool: String
    /// The harness and its arguments before `<port> <log file>`.
    let harness: [String]
    /// The path the seed's route serves.
    let route: String
    /// The environment variable the receiver reads its secret from; `nil` when the seed hard-codes it.
    let secretVariable: String?
    /// The secret the webhook is created with; `nil` takes the one the API generates (seeds 002 and 003 tell
    /// their users to copy the generated secret).
    let secret: String?

    /// The harnesses' folder.
    static let harnessFolder = TestPaths.packageRoot.appendingPathComponent("Tests/IntegrationTests/Receivers")
    /// The seed files (and `node_shims/`), shared with the offline `IndependentVerifierTests`.
    static let verifiersFolder = TestPaths.packageRoot.appendingPathComponent("Tests/WebhookCoreTests/Verifiers")

    private static func harness(_ file: String) -> String { harnessFolder.appendingPathComponent(file).path }
    private static func seed(_ file: String) -> String { verifiersFolder.appendingPathComponent(file).path }

    private static func flask(_ number: String, route: String, scheme: String, variable: String?,
                              secret: String) -> LiveReceiver {
        LiveReceiver(name: "seed \(number) Flask", scheme: scheme, tool: "python3",
                     harness: [harness("serve_flask_seed.py"), seed("seed\(number)_flask.py")], route: route,
                     secretVariable: variable, secret: secret)
    }

    private static func express(_ number: String, route: String, scheme: String, variable: String,
                                secret: String) -> LiveReceiver {
        LiveReceiver(name: "seed \(number) Express", scheme: scheme, tool: "node",
                     harness: [harness("serve_express_seed.js"), seed("seed\(number)_node.js")], route: route,
                     secretVariable: variable, secret: secret)
    }

    /// `standard`: the reference `standardwebhooks` package.
    static let standard = LiveReceiver(
        name: "standardwebhooks (Python)", scheme: "standard", tool: "python3",
        harness: [harness("standard_receiver.py")], route: "/hook", secretVariable: "STANDARD_WEBHOOK_SECRET",
        secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")
    static let seed000Flask = flask("000", route: "/webhook", scheme: "token", variable: "SUPPABOT_WEBHOOK_SECRET",
                                    secret: "suppabot-flask-secret-9c2e")
    static let seed001Flask = flask("001", route: "/webhooks/leads", scheme: "token", variable: "SITEGPT_LEADS_TOKEN",
                                    secret: "sitegpt-leads-flask-1e8b")
    /// Seed 004's Flask program hard-codes `secret = 'your-webhook-secret'`.
    static let seed004Flask = flask("004", route: "/webhook", scheme: "hmac-sha256-prefixed", variable: nil,
                                    secret: "your-webhook-secret")
    static let seed000Express = express("000", route: "/webhook", scheme: "token", variable: "SUPPABOT_WEBHOOK_SECRET",
                                        secret: "suppabot-node-secret-4b1f")
    static let seed001Express = express("001", route: "/webhooks/leads", scheme: "token",
                                        variable: "SITEGPT_LEADS_TOKEN", secret: "sitegpt-leads-node-7d3a")
    static let seed004Express = express("004", route: "/webhooks/pollybot", scheme: "hmac-sha256-prefixed",
                                        variable: "POLLYBOT_WEBHOOK_SECRET", secret: "pollybot-node-secret-5a6c")
    /// Seed 002's `verifySignature(payload, signature, secret)`, given the raw body, `X-Webhook-Signature` and
    /// `WEBHOOK_SECRET`.
    static let seed002Function = LiveReceiver(
        name: "seed 002 verifySignature (Node)", scheme: "hmac-sha256", tool: "node",
        harness: [harness("serve_function_seed.mjs"), "seed002", seed("seed002_node.js")], route: "/webhook",
        secretVariable: "WEBHOOK_SECRET", secret: nil)
    /// Seed 003's `verify(req)`, given the parsed body as `express.json()` would; reads `AGENTBOT_SECRET` itself.
    static let seed003Function = LiveReceiver(
        name: "seed 003 verify(req) (Node)", scheme: "timestamped", tool: "node",
        harness: [harness("serve_function_seed.mjs"), "seed003", seed("seed003_node.mjs")], route: "/webhook",
        secretVariable: "AGENTBOT_SECRET", secret: nil)
}

/// A receiver that is running, with the webhook pointing at it.
struct StartedReceiver {
    let definition: LiveReceiver
    let webhookId: String
    /// The secret the receiver was started with (the webhook's at creation).
    let secret: String
    let process: LiveReceiverProcess
}

/// The demo tenant's API as the tests use it: a session for management, the API key for publishing.
struct DemoAPI {
    let service: RunningService
    let session: String
    let chatbotId: String
    let apiKey: String

    init(_ service: RunningService) throws {
        self.service = service
        session = try service.loginDemo()
        chatbotId = try #require(service.demo["chatbotId"])
        apiKey = try #require(service.demo["apiKey"])
    }

    /// The path of one of the demo chatbot's webhooks.
    func webhookPath(_ webhookId: String) -> String {
        "/api/v1/chatbots/\(chatbotId)/webhooks/\(webhookId)"
    }

    /// Creates a webhook for `receiver` on a free port (no retries: a rejected delivery fails at once), then
    /// starts the receiver there with the webhook's secret; does not wait for it to listen.
    func startReceiver(_ receiver: LiveReceiver) throws -> StartedReceiver {
        let port = try ServiceProcess.freePort()
        var body: [String: Any] = ["name": receiver.name, "url": "http://127.0.0.1:\(port)\(receiver.route)",
                                   "eventTypes": ["lead.*"], "signatureScheme": receiver.scheme, "maxRetries": 0]
        if let secret = receiver.secret { body["secret"] = secret }
        let created = try service.request("POST", "/api/v1/chatbots/\(chatbotId)/webhooks", token: session, json: body)
        try #require(created.status == 201, "create \(receiver.name): \(created.text)")
        let webhook = try #require(created.json?["webhook"] as? [String: Any])
        let id = try #require(webhook["id"] as? String)
        let secret = try #require(receiver.secret ?? webhook["secret"] as? String)
        let process = try LiveReceiverProcess(receiver, port: port, secret: secret)
        return StartedReceiver(definition: receiver, webhookId: id, secret: secret, process: process)
    }

    /// Publishes a `lead.created` event with `data` as the platform does; returns how many deliveries were queued.
    func publish(_ data: [String: String]) throws -> Int? {
        let published = try service.request("POST", "/api/v1/chatbots/\(chatbotId)/events", token: apiKey,
                                            json: ["type": "lead.created", "data": data])
        #expect(published.status == 202, "publish: \(published.text)")
        return published.json?["deliveriesQueued"] as? Int
    }

    /// The newest delivery of a webhook, polled until it has `status` or `deadline` passes.
    func latestDelivery(of webhookId: String, until status: String, before deadline: Date) -> [String: Any]? {
        var delivery: [String: Any]?
        repeat {
            let list = try? service.request("GET", webhookPath(webhookId) + "/deliveries", token: session)
            delivery = (list?.json?["deliveries"] as? [[String: Any]])?.first
            if delivery?["status"] as? String == status { return delivery }
            Thread.sleep(forTimeInterval: 0.05)
        } while Date() < deadline
        return delivery
    }
}
