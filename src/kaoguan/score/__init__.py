"""kaoguan.score"""
