import API
import Foundation
import Logging
import WebhookCore

/// Writes access-log entries as JSON lines straight into the ``LogWriter``, in the same shape as
/// ``JSONLogHandler``'s lines, without going through swift-log's metadata dictionaries or string concatenation
/// (the per-request cost that mattered at tens of thousands of requests a second).
enum AccessLog {
    /// A sink for ``ObservabilityMiddleware``; it drops every entry when `level` leaves `info` out.
    static func sink(level: Logger.Level) -> @Sendable (AccessLogEntry) -> Void {
        guard level <= .info else { return { _ in } }
        return { entry in
            var line: [UInt8] = []
            line.reserveCapacity(256)
            line.append(contentsOf: #"{"ts":""#.utf8)
            WireTimestamp.appendISO8601(Date(), to: &line)
            line.append(contentsOf: #"","level":"info","logger":"webhooksd","msg":"request","method":"#.utf8)
            JSONStringEscaper.appendQuoted(entry.method, to: &line)
            line.append(contentsOf: #","path":"#.utf8)
            JSONStringEscaper.appendQuoted(entry.path, to: &line)
            line.append(contentsOf: #","route":"#.utf8)
            JSONStringEscaper.appendQuoted(entry.route, to: &line)
            line.append(contentsOf: #","status":"#.utf8)
            line.append(contentsOf: String(entry.status).utf8)
            line.append(contentsOf: #","ms":"#.utf8)
            line.append(contentsOf: entry.milliseconds.description.utf8)
            line.append(contentsOf: #","request_id":"#.utf8)
            JSONStringEscaper.appendQuoted(entry.requestID, to: &line)
            line.append(contentsOf: #","remote":"#.utf8)
            JSONStringEscaper.appendQuoted(entry.remoteAddress, to: &line)
            line.append(UInt8(ascii: "}"))
            LogWriter.standardOutput.write(line)
        }
    }
}
