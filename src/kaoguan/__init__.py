"""kaoguan (考官): structured interview question banks and answer scoring."""

__version__ = "0.1.0"
