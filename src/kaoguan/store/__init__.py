"""kaoguan.store"""
