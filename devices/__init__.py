"""Serial and network devices (cash registers, barcode readers, scales), each with a
simulator that speaks its protocol for the tests."""
