import API
import Foundation
import Logging
import WebhookCore

/// Every setting of the service, read from environment variables. The README's settings table lists the same
/// names and defaults; keep the two in step.
struct Settings {
    /// `DATABASE_URL`: libpq connection URI or key=value string.
    var databaseURL: String?
    /// `HOST`: the address the HTTP server binds.
    var host: String
    /// `PORT`: the HTTP port.
    var port: Int
    /// `WEBHOOKS_MASTER_KEY`: base64 of 32 random bytes; encrypts webhook secrets at rest.
    var masterKey: [UInt8]?
    /// `WEBHOOKS_ALLOW_PRIVATE_TARGETS`: let deliveries reach loopback and private addresses (development, tests).
    var allowPrivateTargets: Bool
    /// `WEBHOOKS_HEADER_PREFIX`: the prefix of our delivery headers (`X-Webhook-Event`, ...).
    var headerPrefix: String
    /// `WEBHOOKS_DEFAULT_PAYLOAD_FORMAT`: the payload format of a webhook created without one.
    var defaultPayloadFormat: PayloadFormat
    /// `WEBHOOKS_DASHBOARD_URL`: the chatbot dashboard that formats carrying links point into (seed 001's
    /// `dashboardUrl`); unset leaves those links `null`.
    var dashboardURL: String?
    /// `ADMIN_TOKEN`: enables the provisioning endpoints for the rest of the SaaS; unset disables them.
    var adminToken: String?
    /// `WEBHOOKS_METRICS_TOKEN`: the bearer token `/metrics` asks for; unset leaves it open (private networks).
    var metricsToken: String?
    /// `LOG_LEVEL`: trace, debug, info, notice, warning, error or critical.
    var logLevel: Logger.Level
    /// `HTTP_WORKER_THREADS`: threads that run request handlers (they may block on the database).
    var httpWorkerThreads: Int
    /// `HTTP_MAX_CONNECTIONS`: open client connections at most.
    var httpMaxConnections: Int
    /// `HTTP_MAX_CONNECTIONS_PER_ADDRESS`: open connections one socket peer address may hold; unset keeps the
    /// server's default (a tenth of `HTTP_MAX_CONNECTIONS`, at least 32), 0 turns the limit off.
    var httpMaxConnectionsPerAddress: Int?
    /// `DATABASE_POOL_SIZE`: PostgreSQL connections per process at most.
    var databasePoolSize: Int
    /// `WEBHOOKS_MIGRATIONS_DIR`: the folder of `NNNN_name.sql` files.
    var migrationsDirectory: String
    /// `WEBHOOKS_DISPATCHER`: whether `serve` also runs the delivery dispatcher (`worker` always does).
    var runsDispatcher: Bool
    /// `DELIVERY_MAX_IN_FLIGHT`: deliveries on the wire at once per process.
    var deliveryMaxInFlight: Int
    /// `WEBHOOKS_AUTO_DISABLE_AFTER_HOURS`: how long a webhook may fail without one success before it is disabled.
    var autoDisableAfterHours: Int
    /// `WEBHOOKS_READ_CACHE_SECONDS`: how long `serve` may keep a session, API key or webhook list in memory
    /// (changes drop it at once through LISTEN/NOTIFY); 0 turns the cache off.
    var readCacheSeconds: Int
    /// `WEBHOOKS_TRUSTED_PROXIES`: the load balancers and proxies (addresses or CIDR blocks, comma-separated) whose
    /// `X-Forwarded-For` and `X-Forwarded-Proto` are believed; empty believes no one.
    var trustedProxies: TrustedProxies
    /// `WEBHOOKS_PUBLIC_ORIGIN`: the origin the dashboard is served from (`https://webhooks.example.com`), which
    /// cookie-authenticated writes must come from; unset takes each request's own scheme, host and port.
    var publicOrigin: WebOrigin?
    /// `WEBHOOKS_PORTAL_FRAME_ORIGINS`: the origins (space-separated, exact: `https://app.example.com`) whose pages
    /// may embed the dashboard in an iframe, for portal links; empty lets no page frame it.
    var portalFrameOrigins: [WebOrigin] = []

    /// Reads and validates every setting that is present; a malformed one throws, naming it.
    init(environment values: [String: String]) throws(SettingsError) {
        let env = Environment(values: values)
        databaseURL = env.string("DATABASE_URL")
        host = env.string("HOST") ?? "0.0.0.0"
        port = try env.integer("PORT", default: 8080, range: 1...65535)
        allowPrivateTargets = try env.boolean("WEBHOOKS_ALLOW_PRIVATE_TARGETS", default: false)
        headerPrefix = env.string("WEBHOOKS_HEADER_PREFIX") ?? "X-Webhook"
        let formatName = env.string("WEBHOOKS_DEFAULT_PAYLOAD_FORMAT") ?? PayloadFormat.standard.rawValue
        guard let format = PayloadFormat(rawValue: formatName) else {
            throw SettingsError(name: "WEBHOOKS_DEFAULT_PAYLOAD_FORMAT", problem: "must be one of "
                + PayloadFormat.allCases.map(\.rawValue).joined(separator: ", ") + ", got \"\(formatName)\"")
        }
        defaultPayloadFormat = format
        dashboardURL = try Self.dashboardURL(env.string("WEBHOOKS_DASHBOARD_URL"))
        logLevel = try Self.logLevel(env.string("LOG_LEVEL"))
        httpWorkerThreads = try env.integer("HTTP_WORKER_THREADS", default: 32, range: 1...512)
        httpMaxConnections = try env.integer("HTTP_MAX_CONNECTIONS", default: 10_000, range: 16...1_000_000)
        httpMaxConnectionsPerAddress = try env.integer("HTTP_MAX_CONNECTIONS_PER_ADDRESS", range: 0...1_000_000)
        databasePoolSize = try env.integer("DATABASE_POOL_SIZE", default: 16, range: 1...500)
        migrationsDirectory = env.string("WEBHOOKS_MIGRATIONS_DIR") ?? "Migrations"
        runsDispatcher = try env.boolean("WEBHOOKS_DISPATCHER", default: true)
        deliveryMaxInFlight = try env.integer("DELIVERY_MAX_IN_FLIGHT", default: 512, range: 1...10_000)
        autoDisableAfterHours = try env.integer("WEBHOOKS_AUTO_DISABLE_AFTER_HOURS", default: 120, range: 1...8_760)
        readCacheSeconds = try env.integer("WEBHOOKS_READ_CACHE_SECONDS", default: 10, range: 0...3_600)
        do {
            trustedProxies = try TrustedProxies(parsing: env.string("WEBHOOKS_TRUSTED_PROXIES") ?? "")
        } catch {
            throw SettingsError(name: "WEBHOOKS_TRUSTED_PROXIES", problem: "must be comma-separated addresses or CIDR "
                + "blocks, like 10.0.0.0/8, 2001:db8::/32; got \"\(error.entry.prefix(100))\"")
        }
        publicOrigin = try Self.publicOrigin(env.string("WEBHOOKS_PUBLIC_ORIGIN"))
        portalFrameOrigins = try Self.frameOrigins(env.string("WEBHOOKS_PORTAL_FRAME_ORIGINS"))

        if let raw = env.string("WEBHOOKS_MASTER_KEY") {
            guard let data = Data(base64Encoded: raw), data.count == 32 else {
                throw SettingsError(name: "WEBHOOKS_MASTER_KEY",
                                    problem: "must be base64 of exactly 32 bytes (try: openssl rand -base64 32)")
            }
            masterKey = Array(data)
        }
        let prefixCharacters = CharacterSet.alphanumerics.union(CharacterSet(charactersIn: "-"))
        guard headerPrefix.count <= 40, headerPrefix.unicodeScalars.allSatisfy({ $0.isASCII && prefixCharacters.contains($0) }),
              headerPrefix.first?.isLetter == true, headerPrefix.last != "-"
        else {
            throw SettingsError(name: "WEBHOOKS_HEADER_PREFIX",
                                problem: "must be letters, digits and inner dashes, like X-Webhook, got \"\(headerPrefix)\"")
        }
        if let token = env.string("ADMIN_TOKEN") {
            guard token.utf8.count >= 32 else {
                throw SettingsError(name: "ADMIN_TOKEN", problem: "must be at least 32 characters (try: openssl rand -hex 32)")
            }
            adminToken = token
        }
        if let token = env.string("WEBHOOKS_METRICS_TOKEN") {
            guard token.utf8.count >= 32, token.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
                throw SettingsError(name: "WEBHOOKS_METRICS_TOKEN",
                                    problem: "must be at least 32 printable characters without spaces (try: openssl rand -hex 32)")
            }
            metricsToken = token
        }
    }

    /// The database URL, required by every command that touches the database.
    func requireDatabaseURL() throws(SettingsError) -> String {
        guard let databaseURL else {
            throw SettingsError(name: "DATABASE_URL", problem: "is required (e.g. postgresql://user@127.0.0.1:5432/webhooks)")
        }
        return databaseURL
    }

    /// The master key, required by every command that reads or writes secrets.
    func requireMasterKey() throws(SettingsError) -> [UInt8] {
        guard let masterKey else {
            throw SettingsError(name: "WEBHOOKS_MASTER_KEY", problem: "is required (base64 of 32 bytes; try: openssl rand -base64 32)")
        }
        return masterKey
    }

    /// An absolute http(s) URL without a trailing slash, so links are built by appending paths.
    private static func dashboardURL(_ raw: String?) throws(SettingsError) -> String? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let components = URLComponents(string: raw), ["http", "https"].contains(components.scheme?.lowercased() ?? ""),
              components.host?.isEmpty == false, components.query == nil, components.fragment == nil,
              !raw.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F })
        else {
            throw SettingsError(name: "WEBHOOKS_DASHBOARD_URL",
                                problem: "must be an absolute http(s) URL without query or fragment, like https://app.example.com")
        }
        return raw.hasSuffix("/") ? String(raw.dropLast()) : raw
    }

    /// `scheme://host[:port]` of http or https, without a path.
    private static func publicOrigin(_ raw: String?) throws(SettingsError) -> WebOrigin? {
        guard let raw, !raw.isEmpty else { return nil }
        guard let origin = WebOrigin(raw) else {
            throw SettingsError(name: "WEBHOOKS_PUBLIC_ORIGIN",
                                problem: "must be an http(s) origin without a path, like https://webhooks.example.com")
        }
        return origin
    }

    /// Space-separated http(s) origins without paths; no wildcard, no keyword: each is written into the dashboard's
    /// `frame-ancestors` as it is parsed.
    private static func frameOrigins(_ raw: String?) throws(SettingsError) -> [WebOrigin] {
        guard let raw else { return [] }
        var origins: [WebOrigin] = []
        for entry in raw.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            // Only the characters of a host name or address: nothing that could end or widen the policy.
            guard let origin = WebOrigin(String(entry)),
                  origin.host.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || ".-:".unicodeScalars.contains($0)) })
            else {
                throw SettingsError(name: "WEBHOOKS_PORTAL_FRAME_ORIGINS", problem: "must be space-separated http(s) "
                    + "origins without a path, like https://app.example.com; got \"\(entry.prefix(100))\"")
            }
            if !origins.contains(origin) { origins.append(origin) }
        }
        return origins
    }

    private static func logLevel(_ raw: String?) throws(SettingsError) -> Logger.Level {
        guard let raw else { return .info }
        guard let level = Logger.Level(rawValue: raw.lowercased()) else {
            throw SettingsError(name: "LOG_LEVEL", problem: "must be one of trace, debug, info, notice, warning, error, critical, got \"\(raw)\"")
        }
        return level
    }
}
