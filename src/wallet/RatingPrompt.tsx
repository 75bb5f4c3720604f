// "How did we do?" under a decided request: a score from 1 to 5 and an optional comment, sent once
// through the wallet's backend to the desk; the desk's refusal (already rated, a bad comment) is
// shown as it answered it, in the page's language.
import { useId, useState } from 'react';
import {
  Alert,
  Box,
  Button,
  Stack,
  TextField,
  ToggleButton,
  ToggleButtonGroup,
  Typography,
} from '@mui/material';
import type { RatingScore } from '../domain/customerRatings';
import { WALLET_SCORES } from './messages';
import type { WalletTranslate } from './translate';
import { refusalText } from './WalletDialogs';

export function RatingPrompt(props: {
  t: WalletTranslate;
  onSubmit: (body: { score: number; comment?: string }) => Promise<void>;
}) {
  const { t } = props;
  const [score, setScore] = useState<RatingScore | null>(null);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const titleId = useId();
  const submit = async () => {
    if (score === null) return;
    setBusy(true);
    setError(null);
    try {
      await props.onSubmit({ score, ...(comment.trim() ? { comment } : {}) });
    } catch (e) {
      setError(refusalText(t, e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Box component="section" aria-labelledby={titleId} data-testid="wallet-rating-prompt" sx={{ mt: 1 }}>
      <Typography variant="subtitle2" component="h4" id={titleId}>
        {t('rating.title')}
      </Typography>
      <Typography variant="body2" color="text.secondary">
        {t('rating.prompt')}
      </Typography>
      <Stack spacing={1} sx={{ mt: 1 }}>
        <Stack direction="row" spacing={1} sx={{ alignItems: 'center', flexWrap: 'wrap' }}>
          <ToggleButtonGroup
            exclusive
            size="small"
            value={score}
            aria-label={t('rating.score')}
            onChange={(_e, value: RatingScore | null) => setScore(value)}
          >
            {WALLET_SCORES.map((n) => (
              <ToggleButton key={n} value={n} aria-label={`${n} · ${t(`score.${n}`)}`}>
                {n}
              </ToggleButton>
            ))}
          </ToggleButtonGroup>
          {score !== null && <Typography variant="body2">{t(`score.${score}`)}</Typography>}
        </Stack>
        <TextField
          size="small"
          label={t('rating.comment')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          multiline
          minRows={2}
        />
        {error && <Alert severity="error">{error}</Alert>}
        <Box>
          <Button
            size="small"
            variant="contained"
            disabled={busy || score === null}
            onClick={() => void submit()}
          >
            {t('rating.submit')}
          </Button>
        </Box>
      </Stack>
    </Box>
  );
}
