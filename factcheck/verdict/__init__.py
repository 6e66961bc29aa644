"""What the evidence means: the judge's verdicts (``judge``) and the NLI model's (``nli``) on changed
slots as findings, and every finding weighed in one place (``weigh``): the lead finding of each
change, the findings folded into it (``merge``), fact or style (``kind``) and the severity."""
