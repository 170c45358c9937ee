"""The audit log: recording (`log`) and the operators' view of it (`view`)."""
