"""kaoguan.interview"""
