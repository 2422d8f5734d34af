public import CoreMetrics
public import HTTPServer
import Logging

/// Records every answered request in the metrics (`http_requests_total{route,method,status}` and
/// `http_request_duration_seconds{route}`) and writes one access-log line for it, with the request id.
/// Also echoes the request id in `X-Request-Id`.
public struct ObservabilityMiddleware: HTTPMiddleware {
    /// The label of the request-latency timer, a Prometheus histogram.
    static let durationLabel = "http_request_duration_seconds"

    private let metrics: RequestMetrics
    private let accessLog: @Sendable (AccessLogEntry) -> Void
    private let trustedProxies: TrustedProxies

    /// Creates the middleware recording through `metrics` (the bootstrapped metrics system unless given);
    /// `accessLog` receives one entry per request, with the client address `trustedProxies` tell.
    public init(metrics: any MetricsFactory = MetricsSystem.factory, trustedProxies: TrustedProxies = TrustedProxies(),
                accessLog: @escaping @Sendable (AccessLogEntry) -> Void) {
        self.metrics = RequestMetrics(factory: metrics)
        self.accessLog = accessLog
        self.trustedProxies = trustedProxies
    }

    public func handle(_ request: HTTPRequest, context: inout RequestContext,
                       next: (HTTPRequest, inout RequestContext) throws -> HTTPResponse) throws -> HTTPResponse {
        var response: HTTPResponse
        do {
            response = try next(request, &context)
        } catch let error as any HTTPResponseError {
            response = error.response()
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(error)", "route": "\(context.route)"])
            response = APIError.internal.response()
        }
        let elapsed = ContinuousClock.now - context.startTime
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        metrics.record(route: context.route, method: request.method.rawValue, status: response.status.code,
                       nanoseconds: elapsed.components.seconds * 1_000_000_000 + elapsed.components.attoseconds / 1_000_000_000)
        response.headers.set(name: "X-Request-Id", value: context.requestID)
        accessLog(AccessLogEntry(method: request.method.rawValue, path: Self.loggedPath(request.path), route: context.route,
                                 status: response.status.code, milliseconds: (seconds * 1000 * 100).rounded() / 100,
                                 requestID: context.requestID, remoteAddress: trustedProxies.clientAddress(of: request)))
        return response
    }

    /// The path as logged: an inbox URL's path is its capability, so every path under `/inbox/` (matched or
    /// not) is logged as `/inbox/{token}`.
    static func loggedPath(_ path: String) -> String {
        path.hasPrefix("/inbox/") ? "/inbox/{token}" : path
    }
}
