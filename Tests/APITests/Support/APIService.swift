import API
import Delivery
import Foundation
import HTTPServer
import Logging
import Storage
import Tenancy
import TestSupport
import WebhookCore

/// The API's real router (`APIRoutes` over an `APIEnvironment`) on a fresh migrated database with the demo tenant,
/// answering in the test process: requests go straight to the router, without a socket or a child process. The
/// same calls as `RunningService`, so endpoint tests read alike in both places.
final class APIService: APIClient, @unchecked Sendable {
    /// The admin token the routes are built with.
    static let adminToken = RunningService.adminToken
    /// The master key `ServiceProcess` gives the binary.
    static let masterKey = Array(Data(base64Encoded: "MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=") ?? Data())

    /// The test database.
    let database: TestDatabase
    /// The storage handle the routes use.
    let storage: Database
    /// Tenants, users, chatbots and billing, for arranging a test.
    let provisioning: Provisioning
    /// The demo tenant's credentials (`email`, `password`, `tenantId`, `chatbotId`, `apiKey`), as `webhooksd demo`
    /// prints them.
    let demo: [String: String]
    /// The socket peer address requests come from (a test may move it, or put a proxy there).
    var remoteAddress = "127.0.0.1"
    /// The logger handlers are given (a test may capture what a handler logs).
    var logger = Logger(label: "APITests")
    /// Whether the last request was answered on the event loop, from the read cache.
    private(set) var lastAnsweredFromCache = false
    private let router = Router()
    private let changeFeed: ChangeFeed?
    private let wakeUp: DeliveryWakeUp

    /// Builds the routes; `adminToken: nil` disables the admin routes, as an unset `ADMIN_TOKEN` does. With
    /// `readCache`, the database keeps a read cache kept coherent by a change feed, as `serve` does.
    /// `trustedProxies` and `publicOrigin` are `WEBHOOKS_TRUSTED_PROXIES` and `WEBHOOKS_PUBLIC_ORIGIN`.
    init(adminToken: String? = APIService.adminToken, allowPrivateTargets: Bool = true, readCache: Bool = false,
         trustedProxies: TrustedProxies = TrustedProxies(), publicOrigin: WebOrigin? = nil) throws {
        let template = try Self.template.get()
        database = try TestDatabase.copy(of: template.database)
        demo = template.demo
        storage = Database(url: database.url, poolSize: 4, migrations: try MigrationRunner.load(directory: TestPaths.migrations),
                           readCache: ReadCache(timeToLive: readCache ? .seconds(3600) : .zero))
        let feed = readCache ? ChangeFeed(url: database.url, cache: storage.readCache) : nil
        changeFeed = feed
        if let feed {
            try feed.start()
            guard eventually({ feed.cache.isLive }) else { throw TestSupportError("the read cache did not go live") }
        }
        provisioning = Provisioning(database: storage)
        wakeUp = DeliveryWakeUp(database: storage)
        let cipher = try SecretCipher(masterKey: Self.masterKey)
        let configuration = DispatcherConfiguration(userAgent: "ChatbotWebhooks/1.0", allowPrivateTargets: allowPrivateTargets)
        let environment = APIEnvironment(
            database: storage, authenticator: Authenticator(database: storage, kdfGate: Self.kdfGate()), provisioning: provisioning,
            secretCipher: cipher, adminToken: adminToken, headerPrefix: configuration.headerPrefix,
            allowPrivateTargets: allowPrivateTargets,
            testSender: TestSender(database: storage, configuration: configuration, cipher: cipher, logger: nil),
            publisher: EventPublisher(database: storage, wakeUp: wakeUp), trustedProxies: trustedProxies,
            publicOrigin: publicOrigin)
        APIRoutes(environment: environment).register(on: router)
    }

    /// A migrated database with the demo tenant and a session of its owner, made once per test process and copied
    /// for each service: the migrations and the password hashing are then paid once, not per test.
    private static let template = Result { () throws -> (database: TestDatabase, demo: [String: String]) in
        let database = try TestDatabase.migrated()
        let storage = try database.open()
        defer { storage.close() }
        let account = try Provisioning(database: storage).ensureDemo(seed: masterKey)
        let session = try Authenticator(database: storage).login(email: account.email, password: account.password,
                                                                 clientAddress: "127.0.0.1")
        return (database, ["email": account.email, "password": account.password, "apiKey": account.apiKey,
                           "tenantId": account.tenantId.uuidString.lowercased(),
                           "chatbotId": account.chatbotId.uuidString.lowercased(), "sessionToken": session.token])
    }

    /// The demo owner's session token: a session opened in the template, so each copy has it without a login's
    /// password hashing (logging in itself is tested by AuthEndpointTests).
    func loginDemo() throws -> String {
        guard let token = demo["sessionToken"] else { throw TestSupportError("the template has no session") }
        return token
    }

    deinit {
        wakeUp.stop(deadline: .now + .seconds(1))
        changeFeed?.stop(deadline: .now + .seconds(1))
        storage.close()
    }

    /// A gate of its own, as each process has: tests running side by side in this process must not queue
    /// behind each other's logins (the shared gate would answer 429 beyond four waiting).
    private static func kdfGate() -> KDFGate {
        KDFGate(concurrency: KDFGate.shared.concurrency, waitingLimit: KDFGate.shared.waitingLimit,
                maximumWait: KDFGate.shared.maximumWait)
    }

    /// Answers one request as the server would: the route's event-loop attempt first, then its handler.
    func send(method: String, path: String, headers: [(String, String)] = [], body: [UInt8]? = nil) throws
        -> TestHTTPClient.Response {
        let host = headers.contains { $0.0.lowercased() == "host" } ? [] : [("Host", "127.0.0.1")]
        var fields = HTTPHeaders(host + headers)
        if let body { fields.add(name: "Content-Length", value: String(body.count)) }
        let request = HTTPRequest(method: HTTPMethod(rawValue: method), target: path, headers: fields, body: body ?? [],
                                  remoteAddress: remoteAddress)
        var context = RequestContext(requestID: "test", logger: logger)
        _ = router.executionMode(for: request, context: &context)
        let cached = try router.respondWithoutBlocking(to: request, context: &context)
        lastAnsweredFromCache = cached != nil
        let response = try cached ?? router.respond(to: request, context: &context)
        return TestHTTPClient.Response(status: response.status.code, headers: response.headers.map { ($0.name, $0.value) },
                                       body: method == "HEAD" ? [] : response.body)
    }
}
