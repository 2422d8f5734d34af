public import Delivery
public import Storage
public import Tenancy
public import WebhookCore

/// What the API handlers need: storage, the tenancy services, and the deployment's settings.
public struct APIEnvironment: Sendable {
    /// The database.
    public let database: Database
    /// Sessions, logins and API keys.
    public let authenticator: Authenticator
    /// Tenants, users, chatbots and billing sync.
    public let provisioning: Provisioning
    /// Encrypts webhook secrets at rest.
    public let secretCipher: SecretCipher
    /// The provisioning endpoints' bearer token; `nil` disables them.
    public let adminToken: String?
    /// The prefix of our delivery headers.
    public let headerPrefix: String
    /// Whether webhooks may target loopback and private addresses.
    public let allowPrivateTargets: Bool
    /// The payload format of a webhook created without one.
    public let defaultPayloadFormat: PayloadFormat
    /// Sends `webhook.test` deliveries at once for `POST .../test`.
    public let testSender: TestSender
    /// Publishes events for `POST .../events`, sharing commits between concurrent requests.
    public let publisher: EventPublisher
    /// The proxies whose forwarding headers tell the client's address and scheme (`WEBHOOKS_TRUSTED_PROXIES`).
    public let trustedProxies: TrustedProxies
    /// The origin cookie-authenticated writes must come from (`WEBHOOKS_PUBLIC_ORIGIN`); `nil` takes each
    /// request's own.
    public let publicOrigin: WebOrigin?

    /// Creates the environment.
    public init(database: Database, authenticator: Authenticator, provisioning: Provisioning, secretCipher: SecretCipher,
                adminToken: String?, headerPrefix: String, allowPrivateTargets: Bool,
                defaultPayloadFormat: PayloadFormat = .standard, testSender: TestSender, publisher: EventPublisher,
                trustedProxies: TrustedProxies = TrustedProxies(), publicOrigin: WebOrigin? = nil) {
        self.database = database
        self.authenticator = authenticator
        self.provisioning = provisioning
        self.secretCipher = secretCipher
        self.adminToken = adminToken
        self.headerPrefix = headerPrefix
        self.allowPrivateTargets = allowPrivateTargets
        self.defaultPayloadFormat = defaultPayloadFormat
        self.testSender = testSender
        self.publisher = publisher
        self.trustedProxies = trustedProxies
        self.publicOrigin = publicOrigin
    }
}
