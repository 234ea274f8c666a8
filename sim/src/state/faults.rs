//! Queued faults: each hits the next `count` calls of its endpoint, first queued first.

use crate::control::{Endpoint, Fault, FaultTarget};

#[derive(Debug)]
struct Rule {
    target: FaultTarget,
    fault: Fault,
    remaining: u32,
}

#[derive(Debug, Default)]
pub(crate) struct Faults {
    rules: Vec<Rule>,
}

impl Faults {
    pub(crate) fn push(&mut self, target: FaultTarget, fault: Fault, count: u32) {
        if count > 0 {
            self.rules.push(Rule {
                target,
                fault,
                remaining: count,
            });
        }
    }

    pub(crate) fn clear(&mut self) {
        self.rules.clear();
    }

    /// The fault for this call of `endpoint`, if one is queued; uses one of its counts.
    pub(crate) fn take(&mut self, endpoint: Endpoint) -> Option<Fault> {
        let index = self
            .rules
            .iter()
            .position(|rule| rule.target.matches(endpoint))?;
        let rule = &mut self.rules[index];
        rule.remaining -= 1;
        let fault = rule.fault.clone();
        if rule.remaining == 0 {
            self.rules.remove(index);
        }
        Some(fault)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn faults_are_used_up_in_order() {
        let mut faults = Faults::default();
        faults.push(FaultTarget::Auth, Fault::errcode(-1), 2);
        faults.push(FaultTarget::Any, Fault::malformed(), 1);
        assert_eq!(faults.take(Endpoint::Userinfo), Some(Fault::malformed()));
        assert_eq!(faults.take(Endpoint::Userinfo), None);
        assert_eq!(faults.take(Endpoint::Auth), Some(Fault::errcode(-1)));
        assert_eq!(faults.take(Endpoint::Auth), Some(Fault::errcode(-1)));
        assert_eq!(faults.take(Endpoint::Auth), None);
    }
}
