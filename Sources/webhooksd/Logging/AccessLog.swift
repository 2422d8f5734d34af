import API
import Logging

/// Writes access-log entries as JSON lines straight into the ``LogWriter``, in the same shape as
/// ``JSONLogHandler``'s lines, without going through swift-log's metadata dictionaries (the per-request cost
/// that mattered at tens of thousands of requests a second).
enum AccessLog {
    /// A sink for ``ObservabilityMiddleware``; it drops every entry when `level` leaves `info` out.
    static func sink(level: Logger.Level) -> @Sendable (AccessLogEntry) -> Void {
        guard level <= .info else { return { _ in } }
        return { entry in
            var line = "{\"ts\":\"" + JSONLogHandler.timestamp() + "\",\"level\":\"info\",\"logger\":\"webhooksd\""
            line += ",\"msg\":\"request\",\"method\":" + JSONLogHandler.quoted(entry.method)
            line += ",\"path\":" + JSONLogHandler.quoted(entry.path) + ",\"route\":" + JSONLogHandler.quoted(entry.route)
            line += ",\"status\":\(entry.status),\"ms\":\(entry.milliseconds)"
            line += ",\"request_id\":" + JSONLogHandler.quoted(entry.requestID)
            line += ",\"remote\":" + JSONLogHandler.quoted(entry.remoteAddress) + "}"
            LogWriter.standardOutput.write(Array(line.utf8))
        }
    }
}
