import Foundation
import Testing
import WebhookCore

@Suite struct DeliveryEnvelopeTests {
    let eventTime = Date(timeIntervalSince1970: 1_736_937_000)

    func body(id: String = "dlv_1", event: String = "lead.created", at time: Date? = nil, chatbot: String = "bot_1",
              data: String = #"{"url":"https://a.example/x"}"#) -> String {
        String(decoding: DeliveryEnvelope.body(deliveryId: id, eventType: event, timestamp: time ?? eventTime,
                                               chatbotId: chatbot, dataJSON: Array(data.utf8)), as: UTF8.self)
    }

    @Test func bodyIsCompactWithKeysInSpecOrderAndSlashesUnescaped() {
        #expect(body() == #"{"id":"dlv_1","event":"lead.created","timestamp":"2025-01-15T10:30:00.000Z","chatbotId":"bot_1","data":{"url":"https://a.example/x"}}"#)
    }

    @Test func stringsAreEscapedLikeJSONStringify() {
        let id = "q\"b\\s/é\u{1F600}\n\t\u{0001}\u{007F}\u{2028}"
        #expect(body(id: id).hasPrefix(#"{"id":"q\"b\\s/é😀\n\t\u0001"# + "\u{007F}\u{2028}\","))
    }

    @Test func sameInputsGiveTheSameBytes() {
        #expect(body(data: "[1,2]") == body(data: "[1,2]"))
    }

    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_736_937_000.123, "2025-01-15T10:30:00.123Z"),
        (-0.001, "1969-12-31T23:59:59.999Z"),
        (951_782_400, "2000-02-29T00:00:00.000Z"),
        (4_102_444_799.999, "2099-12-31T23:59:59.999Z"),
        (1_709_251_199.9996, "2024-03-01T00:00:00.000Z"),
        (1e15, "9999-12-31T23:59:59.999Z"),
        (-1e13, "0000-01-01T00:00:00.000Z"),
    ])
    func timestampIsISO8601UTCWithMilliseconds(_ seconds: Double, _ expected: String) {
        #expect(body(at: Date(timeIntervalSince1970: seconds)).contains(#""timestamp":"\#(expected)""#))
    }

    @Test func bodyParsesBackToTheSameValues() throws {
        // Foundation's parser refuses lone surrogates, so this sample leaves out hardData's "lone" member.
        let sample = ReceiverCase.hardData.replacingOccurrences(of: #""lone": "\ud800","#, with: "")
        #expect(sample != ReceiverCase.hardData)
        let data = try DeliveryEnvelope.canonicalData(Array(sample.utf8))
        let bytes = DeliveryEnvelope.body(deliveryId: "dlv_\"x\"/1", eventType: "lead.created", timestamp: eventTime,
                                          chatbotId: "bot/é", dataJSON: data)
        let parsed = try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? NSDictionary)
        let expectedData = try JSONSerialization.jsonObject(with: Data(data), options: .fragmentsAllowed)
        #expect(parsed["id"] as? String == "dlv_\"x\"/1")
        #expect(parsed["event"] as? String == "lead.created")
        #expect(parsed["timestamp"] as? String == "2025-01-15T10:30:00.000Z")
        #expect(parsed["chatbotId"] as? String == "bot/é")
        #expect((parsed["data"] as? NSDictionary) == (expectedData as? NSDictionary))
        #expect((parsed["data"] as? NSDictionary)?["url"] as? String == "https://example.com/a/b?x=1&y=2")
    }
}
