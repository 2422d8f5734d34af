internal import Glibc
public import Storage
import WebhookCore

/// Settings of one ``Dispatcher`` (and of ``TestSender``), fixed for its lifetime.
public struct DispatcherConfiguration: Sendable {
    /// This worker's name on the leases it takes (`lease_owner`); unique per process, so that several
    /// dispatchers on one database never mistake each other's leases. See ``makeOwner()``.
    public var owner: String
    /// The most deliveries one claim takes.
    public var batchSize: Int
    /// How long a claim leases its deliveries. A delivery whose lease runs out before its outcome is recorded
    /// goes back to the queue, so the lease must exceed the longest request (``WebhookRules/timeoutRange``, 30 s)
    /// plus ``leaseSafetyMargin``; `init` raises shorter values to that.
    public var lease: Duration
    /// How often due work is looked for without a notification: retries that fall due, expired leases of dead
    /// workers, and anything announced while the listener was down.
    public var pollInterval: Duration
    /// The most deliveries held at once: requests on the wire plus claimed deliveries waiting for a free slot of
    /// their webhook. Claims take at most what is left.
    public var maxInFlight: Int
    /// Time kept between the end of a request's timeout and the end of its lease, for recording the outcome.
    /// A claimed delivery is only sent while `timeout + leaseSafetyMargin` still fits in its lease.
    public var leaseSafetyMargin: Duration
    /// The prefix of our delivery headers (`WEBHOOKS_HEADER_PREFIX`), e.g. `X-Webhook`.
    public var headerPrefix: String
    /// The `User-Agent` of every delivery.
    public var userAgent: String
    /// The chatbot dashboard that formats carrying links point into (`WEBHOOKS_DASHBOARD_URL`), or `nil`.
    public var dashboardURL: String?
    /// Whether loopback, private and other non-public addresses may be reached (development and tests only).
    public var allowPrivateTargets: Bool
    /// How long a webhook may fail without a success before it is disabled automatically (5 days by default).
    public var autoDisableAfter: Duration
    /// How much of each response body is kept for the delivery log.
    public var maxResponseBodyBytes: Int
    /// Connections to one host at once. Keep it at least the largest per-webhook `maxConcurrency` (100), since a
    /// request waiting inside libcurl for a connection spends its timeout waiting.
    public var maxConnectionsPerHost: Int
    /// Outcomes are written in one statement once this many are waiting...
    public var recordBatchSize: Int
    /// ...or once the oldest has waited this long.
    public var recordInterval: Duration
    /// Outcomes that may wait to be written before they take room from new deliveries: past this, each waiting
    /// outcome is one delivery less claimed or taken over, so a database slower than the receivers (a receiver that
    /// refuses at once, say) holds sending back instead of filling memory.
    public var maxUnrecorded: Int

    /// A configuration; the defaults suit production (with `allowPrivateTargets` false).
    public init(
        owner: String = DispatcherConfiguration.makeOwner(),
        batchSize: Int = 200,
        lease: Duration = .seconds(60),
        pollInterval: Duration = .seconds(1),
        maxInFlight: Int = 512,
        leaseSafetyMargin: Duration = .seconds(5),
        headerPrefix: String = "X-Webhook",
        userAgent: String = "Webhooks/1.0",
        dashboardURL: String? = nil,
        allowPrivateTargets: Bool = false,
        autoDisableAfter: Duration = DeliveryQueue.defaultAutoDisableAfter,
        maxResponseBodyBytes: Int = 4_096,
        maxConnectionsPerHost: Int = 100,
        recordBatchSize: Int = 200,
        recordInterval: Duration = .milliseconds(10),
        maxUnrecorded: Int = 5_000
    ) {
        self.owner = owner
        self.batchSize = max(1, batchSize)
        self.leaseSafetyMargin = max(.zero, leaseSafetyMargin)
        self.lease = max(lease, Self.longestTimeout + self.leaseSafetyMargin + .seconds(1))
        self.pollInterval = max(.milliseconds(1), pollInterval)
        self.maxInFlight = max(1, maxInFlight)
        self.headerPrefix = headerPrefix
        self.userAgent = userAgent
        self.dashboardURL = dashboardURL
        self.allowPrivateTargets = allowPrivateTargets
        self.autoDisableAfter = autoDisableAfter
        self.maxResponseBodyBytes = max(0, maxResponseBodyBytes)
        self.maxConnectionsPerHost = max(1, maxConnectionsPerHost)
        self.recordBatchSize = max(1, recordBatchSize)
        self.recordInterval = max(.zero, recordInterval)
        self.maxUnrecorded = max(0, maxUnrecorded)
    }

    /// The longest per-attempt timeout a webhook may have.
    static let longestTimeout: Duration = .milliseconds(WebhookRules.timeoutRange.upperBound)

    /// A lease owner unique to this process: `hostname-pid-random`, e.g. `web-1-4242-9f3a1c`.
    public static func makeOwner() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        let host = gethostname(&buffer, buffer.count - 1) == 0
            ? String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
            : "host"
        let random = String(UInt32.random(in: 0...UInt32.max), radix: 16)
        return "\(host.isEmpty ? "host" : host)-\(getpid())-\(random)"
    }

    /// The HTTP client settings this configuration implies.
    var httpClient: HTTPClientConfiguration {
        HTTPClientConfiguration(
            userAgent: userAgent,
            maxConcurrentPerHost: maxConnectionsPerHost,
            maxTotalConnections: maxInFlight,
            maxResponseBodyBytes: maxResponseBodyBytes,
            allowPrivateTargets: allowPrivateTargets)
    }
}
