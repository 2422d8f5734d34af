import Delivery
import Foundation
import Logging
import Storage
import WebhookCore

/// The delivery side of a process: the dispatcher (with its LISTEN connection) and the test sender, built from
/// the settings.
struct DeliveryRuntime {
    /// The User-Agent of every delivery.
    static let userAgent = "ChatbotWebhooks/1.0"

    let configuration: DispatcherConfiguration
    let cipher: SecretCipher

    init(settings: Settings) throws {
        var configuration = DispatcherConfiguration()
        configuration.headerPrefix = settings.headerPrefix
        configuration.userAgent = Self.userAgent
        configuration.dashboardURL = settings.dashboardURL
        configuration.allowPrivateTargets = settings.allowPrivateTargets
        configuration.maxInFlight = settings.deliveryMaxInFlight
        configuration.autoDisableAfter = .seconds(settings.autoDisableAfterHours * 3600)
        self.configuration = configuration
        cipher = try SecretCipher(masterKey: try settings.requireMasterKey())
    }

    /// A dispatcher for `database`, woken by NOTIFY on its own connection.
    func dispatcher(database: Database, url: String, logger: Logger) throws -> Dispatcher {
        let listener = DatabaseListener(url: url, channels: [EventStore.notificationChannel])
        return try Dispatcher(database: database, listener: listener, configuration: configuration, cipher: cipher,
                              logger: logger)
    }

    /// The synchronous sender behind `POST .../test`.
    func testSender(database: Database, logger: Logger) -> TestSender {
        TestSender(database: database, configuration: configuration, cipher: cipher, logger: logger)
    }

    /// Seals the credential header values an earlier version stored in clear (`WebhookStore.sealCredentialsInClear`);
    /// a failure is logged and the next start tries again.
    func sealStoredCredentials(_ database: Database, logger: Logger) {
        do {
            let sealed = try database.transaction { try $0.webhooks.sealCredentialsInClear(with: cipher) }
            if sealed > 0 { logger.notice("sealed credential headers stored in clear", metadata: ["webhooks": "\(sealed)"]) }
        } catch {
            logger.warning("credential headers stored in clear are not sealed yet; the next start tries again",
                           metadata: ["error": "\(error)"])
        }
    }
}
