//! Fee amounts in đồng, within a sane range.

use super::error::InputError;

/// The largest fee a dossier or a catalogue item may carry: 1.000.000.000 đồng. The fees and
/// charges of administrative procedures are counted in thousands or millions of đồng, so a larger
/// amount is a mistake in the source data (another unit, or a decimal point lost), not a fee.
pub const MAX_FEE_VND: u64 = 1_000_000_000;

/// `amount` when it is within 0…[`MAX_FEE_VND`].
pub fn fee_vnd(amount: u64) -> Result<u64, InputError> {
    if amount <= MAX_FEE_VND {
        Ok(amount)
    } else {
        Err(InputError::Fee)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fees_up_to_a_billion_dong() {
        assert_eq!(fee_vnd(0), Ok(0));
        assert_eq!(fee_vnd(MAX_FEE_VND), Ok(MAX_FEE_VND));
        assert_eq!(fee_vnd(MAX_FEE_VND + 1), Err(InputError::Fee));
    }
}
