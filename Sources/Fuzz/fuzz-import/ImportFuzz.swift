import Foundation
import FuzzSupport
import WaymarkCore
import WaymarkRelationships

/// The customer import on arbitrary bytes: `JSONReader`, then `PartnerCenterImport`. Whatever it
/// accepts must hold only values a record may store.
func fuzzImport(_ bytes: [UInt8]) {
    let partner = Partner(id: "fuzz", name: "Fuzz", kind: .directPartner)
    guard let model = try? PartnerCenterImport.parse(Data(bytes), partner: partner) else { return }
    for customer in model.customers {
        precondition(
            RecordValue.problem(customer.id) == nil, "an import accepted customer id \(customer.id.debugDescription)")
        precondition(RecordValue.problem(customer.companyName) == nil, "an import accepted a bad name")
    }
    for subscription in model.subscriptions {
        precondition(
            RecordValue.problem(subscription.id) == nil,
            "an import accepted item id \(subscription.id.debugDescription)")
        precondition((1...PartnerCenterImport.maximumQuantity).contains(subscription.quantity))
    }
    precondition(Set(model.customers.map(\.id)).count == model.customers.count, "duplicate customer ids accepted")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzEntry(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    fuzzImport(Replay.bytes(data, size))
    return 0
}

#if !FUZZING
    @main enum Main {
        static func main() { Replay.main(fuzzImport) }
    }
#endif
