"""kaoguan.web"""
